// Preloaded by `bench:rules -- --cli` into the `pathlight` child: prints its peak RSS on stderr at exit.
import { writeSync } from 'node:fs';

process.on('exit', () => {
  writeSync(2, `pathlight-bench-max-rss-kb ${process.resourceUsage().maxRSS}\n`);
});
