import type { ReactNode } from 'react';
import { Tab, TabList, TabPanel, Tabs as AriaTabs } from 'react-aria-components';

export interface TabDef {
  id: string;
  label: string;
  content: ReactNode;
}

export function Tabs({ tabs, label }: { tabs: TabDef[]; label: string }) {
  return (
    <AriaTabs>
      <TabList aria-label={label} className="tabs__list">
        {tabs.map((t) => (
          <Tab key={t.id} id={t.id} className="tabs__tab">{t.label}</Tab>
        ))}
      </TabList>
      {tabs.map((t) => (
        <TabPanel key={t.id} id={t.id}>{t.content}</TabPanel>
      ))}
    </AriaTabs>
  );
}
