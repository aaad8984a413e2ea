/**
 * After an import the old scheduler still runs the jobs: this comments out exactly the imported lines of a crontab,
 * each with a mark that names where the job went, so a later import recognises them (and a person reading the crontab
 * knows why). Plain functions on text; `crontab-install.ts` reads and writes the user's crontab around them.
 */

/** `# moved to Cronbar 2027-01-04 (job backup): 0 2 * * * /usr/local/bin/backup.sh` — the original line follows. */
export const MOVED_MARK = /^#\s*moved to Cronbar\b[^:]*:\s?(.*)$/i;

export interface MovedLine {
  /** The source line as the import read it (trimmed). */
  text: string;
  /** The Cronbar job that now runs it. */
  jobId: string;
}

export interface CommentOutResult {
  text: string;
  /** 1-based line numbers in the crontab and what they held. */
  commented: Array<{ line: number; text: string; jobId: string }>;
  /** Lines asked for that the crontab does not hold (any more, or never: a pasted text from another machine). */
  notFound: MovedLine[];
}

/**
 * Comments out one running occurrence per asked line (a line written twice was imported twice). Everything else in
 * the text — comments, variables, other jobs, blank lines, the trailing newline — stays byte for byte.
 */
export function commentOutCrontabLines(text: string, wanted: readonly MovedLine[], date: string): CommentOutResult {
  const lines = text.split('\n');
  const used = new Set<number>();
  const commented: CommentOutResult['commented'] = [];
  const notFound: MovedLine[] = [];
  for (const entry of wanted) {
    const target = entry.text.trim();
    const index = lines.findIndex(
      (line, at) => !used.has(at) && line.replace(/\r$/, '').trim() === target && !target.startsWith('#'),
    );
    if (index < 0) {
      notFound.push(entry);
      continue;
    }
    used.add(index);
    const original = lines[index]!.replace(/\r$/, '');
    const ending = lines[index]!.endsWith('\r') ? '\r' : '';
    lines[index] = `# moved to Cronbar ${date} (job ${entry.jobId}): ${original.trim()}${ending}`;
    commented.push({ line: index + 1, text: original.trim(), jobId: entry.jobId });
  }
  return { text: lines.join('\n'), commented: commented.sort((a, b) => a.line - b.line), notFound };
}
