// The bench slice: the part of the corpus that the timed runs lint.
import { createHash } from 'node:crypto';

import { SMOKE_PACKAGES, selectSlice } from './corpus.mjs';

/**
 * One in BENCH_SAMPLE_RATE of the files outside SMOKE_PACKAGES is in the bench slice, chosen by a hash of
 * its path, so the choice is fixed for a given lock file. A small package may have no file in the sample.
 * With the rate at 8, a full `npm run bench` took 9 to 13 minutes on 2 otherwise idle cores.
 */
export const BENCH_SAMPLE_RATE = 8;

function isSampled(file) {
  const digest = createHash('sha1').update(`${file.pkg}/${file.rel}`).digest();
  return digest.readUInt32BE(0) % BENCH_SAMPLE_RATE === 0;
}

/**
 * Selects `full`, `smoke` (see SMOKE_PACKAGES) or `bench` (every smoke file plus a fixed sample of the rest).
 * @param {import('./corpus.mjs').CorpusFile[]} files
 * @param {'full' | 'smoke' | 'bench'} slice
 */
export function selectFiles(files, slice) {
  if (slice !== 'bench') return selectSlice(files, slice);
  return files.filter((file) => SMOKE_PACKAGES.includes(file.name) || isSampled(file));
}
