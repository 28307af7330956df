import { describe, expect, it } from 'vitest';
import { groupMentionRoles } from './mentions.js';

describe('group mentions', () => {
  it('reads group mentions as whole words only', () => {
    expect(groupMentionRoles('Merci @animation et @coordination !')).toEqual(['animator', 'coordinator']);
    expect(groupMentionRoles('@animations, a@animation.fr, @animation-culture')).toEqual([]);
  });
});
