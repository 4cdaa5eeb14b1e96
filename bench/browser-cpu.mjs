// browser-cpu.mjs — the processor time a launched Chromium has used, for
// the browser benchmarks (bench/studio/latency.mjs, bench/wasm/chromium.mjs).
// The machine that runs `make bench` is often busy with other work, so a
// wall-clock figure there says as much about the load as about the page;
// the processor time the browser spent on the same work (user + system,
// summed over the browser and every process it started: the renderer,
// where the page's script and the WebAssembly run, among them) does not
// grow with the load, and is printed beside it.
//
//   const cpu = browserCpu();             // after chromium.launch()
//   const before = cpu();                 // milliseconds so far
//   ... the work ...
//   const spent = cpu() - before;
//
// Linux only (/proc); elsewhere cpu() answers NaN and the figure is
// printed as "n/a". The kernel counts in clock ticks (10 ms), so time many
// repetitions and divide, rather than one short step.
import { readdirSync, readFileSync } from 'node:fs';

const TICKS_PER_SECOND = 100;

// {pid: [parent pid, user + system ticks]} for every process now.
function processTable() {
    const table = new Map();
    for (const name of readdirSync('/proc')) {
        if (!/^\d+$/.test(name)) continue;
        let stat;
        try {
            stat = readFileSync(`/proc/${name}/stat`, 'utf8');
        } catch {
            continue;                  // ended while being read
        }
        // The command name, in parentheses, may hold spaces: the fields
        // are counted from the closing parenthesis.
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        table.set(Number(name), [Number(fields[1]), Number(fields[11]) + Number(fields[12])]);
    }
    return table;
}

// Playwright starts the browser as a child of this Node.js process: every
// process under this one but this one itself is the browser's.
export function browserCpu() {
    const root = process.pid;
    return () => {
        if (process.platform !== 'linux') return NaN;
        const table = processTable();
        let ticks = 0;
        for (const [pid, [parent, used]] of table) {
            for (let at = parent; at !== undefined && at > 1; at = table.get(at)?.[0])
                if (at === root) {
                    ticks += used;
                    break;
                }
        }
        return (ticks * 1000) / TICKS_PER_SECOND;
    };
}

export const cpuText = (ms) => (Number.isNaN(ms) ? 'n/a' : `${ms.toFixed(0)} ms`);
