import fs from 'node:fs';
import os from 'node:os';

/** One line describing the machine, for the top of a benchmark's output. */
export function machineLine(): string {
  const cpus = os.cpus();
  const load = os.loadavg().map((l) => l.toFixed(2)).join(' ');
  return `node ${process.version}, ${cpus.length} cores (${cpus[0]?.model.trim() ?? '?'}${processorGeneration()}), ${Math.round(os.totalmem() / 2 ** 30)} GiB RAM, ` +
    `${os.platform()} ${os.release()}; load average ${load}`;
}

/**
 * The processor's family and model numbers (Linux), which a VM's model name often leaves out: "AMD EPYC" has named
 * processors of several generations here, whose per-core speed differs by more than any change the benchmarks measure.
 */
function processorGeneration(): string {
  try {
    const info = fs.readFileSync('/proc/cpuinfo', 'utf8');
    const field = (name: string) => new RegExp(`^${name}\\s*: (.*)$`, 'm').exec(info)?.[1]?.trim();
    const family = field('cpu family');
    const model = field('model');
    return family && model ? `, family ${family} model ${model}` : '';
  } catch {
    return '';
  }
}

interface CpuTicks {
  busy: number;
  at: number;
}

function readTicks(): CpuTicks | undefined {
  try {
    const line = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0]!;
    const v = line.trim().split(/\s+/).slice(1).map(Number);
    const idle = (v[3] ?? 0) + (v[4] ?? 0);
    const total = v.slice(0, 8).reduce((s, x) => s + x, 0);
    return { busy: total - idle, at: performance.now() };
  } catch {
    return undefined;
  }
}

/**
 * CPU used by this process and by everything else on the machine over a window (Linux; elsewhere only this
 * process). Other processes competing for the cores (a test run next door) show up as `otherCores`.
 */
export class CpuWindow {
  private ticks = readTicks();
  private usage = process.cpuUsage();
  private mainTicks = readMainThreadTicks();
  private mainWaitNs = readMainThreadWaitNs();
  private at = performance.now();

  restart(): void {
    this.ticks = readTicks();
    this.usage = process.cpuUsage();
    this.mainTicks = readMainThreadTicks();
    this.mainWaitNs = readMainThreadWaitNs();
    this.at = performance.now();
  }

  /** Cores used meanwhile by this process, by its main thread alone (Linux), and by every other process. */
  read(): { selfCores: number; mainThreadCores: number | undefined; mainThreadWaitS: number | undefined; otherCores: number | undefined } {
    const wallS = (performance.now() - this.at) / 1000;
    const wait = readMainThreadWaitNs();
    const mainThreadWaitS = wait === undefined || this.mainWaitNs === undefined ? undefined : (wait - this.mainWaitNs) / 1e9;
    const u = process.cpuUsage(this.usage);
    const selfCores = (u.user + u.system) / 1e6 / wallS;
    const main = readMainThreadTicks();
    const mainThreadCores = main === undefined || this.mainTicks === undefined ? undefined : (main - this.mainTicks) / 100 / wallS;
    const t = readTicks();
    if (!t || !this.ticks) return { selfCores, mainThreadCores, mainThreadWaitS, otherCores: undefined };
    const machineCores = (t.busy - this.ticks.busy) / 100 / wallS; // USER_HZ = 100 on Linux
    return { selfCores, mainThreadCores, mainThreadWaitS, otherCores: Math.max(0, machineCores - selfCores) };
  }
}

/**
 * Time (ns) this process's main thread has spent runnable but waiting for a CPU (the second field of schedstat):
 * on a busy machine, the part of its busy time when other threads or processes held the cores.
 */
function readMainThreadWaitNs(): number | undefined {
  try {
    return Number(fs.readFileSync(`/proc/self/task/${process.pid}/schedstat`, 'utf8').split(' ')[1]);
  } catch {
    return undefined;
  }
}

/** CPU ticks (user + system, USER_HZ) of this process's main thread, whose thread id is the process id. */
function readMainThreadTicks(): number | undefined {
  try {
    const stat = fs.readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
    // Fields after the command name, which is in parentheses and may hold spaces: utime and stime are 14 and 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return undefined;
  }
}
