import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, qs } from '../../api/client';
import type { AnswerInput, NewSurvey, Survey, SurveySummaryPage, TextAnswerPage } from '../../../../common/api/surveys';

/** Typed client of the surveys API (/api/surveys/..., /api/communities/:slug/surveys). */

export type { AnswerInput, QuestionKind, Survey, SurveyQuestion } from '../../../../common/api/surveys';

export const surveyKeys = {
  one: (id: number) => ['surveys', 'one', id] as const,
  list: (slug: string) => ['surveys', 'community', slug] as const,
  texts: (id: number) => ['surveys', 'texts', id] as const,
};

export function useSurvey(id: number) {
  return useQuery({ queryKey: surveyKeys.one(id), queryFn: () => api.get<Survey>(`/surveys/${id}`) });
}

export function useCommunitySurveys(slug: string) {
  return useInfiniteQuery({
    queryKey: surveyKeys.list(slug),
    queryFn: ({ pageParam }) => api.get<SurveySummaryPage>(`/communities/${slug}/surveys${qs({ cursor: pageParam })}`),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useSurveyTexts(id: number, enabled: boolean) {
  return useInfiniteQuery({
    queryKey: surveyKeys.texts(id),
    queryFn: ({ pageParam }) => api.get<TextAnswerPage>(`/surveys/${id}/texts${qs({ cursor: pageParam })}`),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled,
  });
}

function useSurveyMutation<I>(id: number, run: (input: I) => Promise<Survey>, postsChanged = false) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: (survey) => {
      qc.setQueryData(surveyKeys.one(id), survey);
      void qc.invalidateQueries({ queryKey: surveyKeys.list(survey.community.slug) });
      void qc.invalidateQueries({ queryKey: surveyKeys.texts(id) });
      if (postsChanged) void qc.invalidateQueries({ queryKey: ['posts'] });
    },
  });
}

export function useAnswerSurvey(id: number) {
  return useSurveyMutation(id, (answers: AnswerInput[]) => api.create<Survey>(`/surveys/${id}/responses`, { answers }));
}

export function useCloseSurvey(id: number) {
  return useSurveyMutation(id, () => api.post<Survey>(`/surveys/${id}/close`));
}

export function usePublishSurveyResults(id: number) {
  return useSurveyMutation(id, (commentary: string) => api.post<Survey>(`/surveys/${id}/publish-results`, { commentary }), true);
}

export function useCreateSurvey(slug: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: NewSurvey) => api.create<Survey>(`/communities/${slug}/surveys`, input),
    onSuccess: (survey) => {
      qc.setQueryData(surveyKeys.one(survey.id), survey);
      void qc.invalidateQueries({ queryKey: surveyKeys.list(slug) });
    },
  });
}
