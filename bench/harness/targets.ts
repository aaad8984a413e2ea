/** One line of the summary: a target from the issue, Cronbar's figure, the baseline it is compared with. */
export interface TargetCheck {
  metric: string;
  target: string;
  cronbar: string;
  baseline: string;
  /** Cronbar / baseline. */
  ratio: string;
  met: boolean | null;
  /** Why a missed target is missed (filled in by the section that knows). */
  note?: string;
}
