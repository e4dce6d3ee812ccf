import type { SiteTask } from '../sites/extractors';

/**
 * A task the generic reader found a video for, with what the extractor read of the same task (its
 * prompt, input images, model and, when both saw one task, its id): the extractor knows those
 * better, the generic reader only the video.
 */
export function joinSiteTask(task: SiteTask, known: readonly SiteTask[], alone: boolean): SiteTask {
  const same = known.find((item) => item.taskId === task.taskId) ?? (alone && known.length === 1 ? known[0] : undefined);
  if (!same) return task;
  return {
    ...task,
    taskId: same.taskId,
    ...(same.prompt ? { prompt: same.prompt } : {}),
    ...(same.model ? { model: same.model } : {}),
    inputImages: same.inputImages.length > 0 ? same.inputImages : task.inputImages,
  };
}
