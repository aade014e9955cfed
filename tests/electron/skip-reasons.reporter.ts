/**
 * Prints why tests were skipped (the built-in list reporter shows that they were, not why), so
 * that a skipped desktop smoke test never passes unnoticed.
 */
import type { Reporter, TestCase, TestResult } from '@playwright/test/reporter';

export default class SkipReasonsReporter implements Reporter {
  private readonly reasons = new Map<string, number>();

  printsToStdio(): boolean {
    return false;
  }

  onTestEnd(test: TestCase, result: TestResult): void {
    if (result.status !== 'skipped') return;
    const descriptions = new Set(
      [...test.annotations, ...result.annotations]
        .filter((annotation) => annotation.type === 'skip')
        .map((annotation) => annotation.description || '(no reason given)'),
    );
    for (const reason of descriptions) this.reasons.set(reason, (this.reasons.get(reason) ?? 0) + 1);
  }

  onEnd(): void {
    for (const [reason, count] of this.reasons) {
      console.log(`\n  ${count} skipped: ${reason}`);
    }
  }
}
