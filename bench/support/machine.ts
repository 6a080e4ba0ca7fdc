import fs from 'node:fs';
import os from 'node:os';

/** One line describing the machine, for the top of a benchmark's output. */
export function machineLine(): string {
  const cpus = os.cpus();
  const load = os.loadavg().map((l) => l.toFixed(2)).join(' ');
  return `node ${process.version}, ${cpus.length} cores (${cpus[0]?.model.trim() ?? '?'}), ${Math.round(os.totalmem() / 2 ** 30)} GiB RAM, ` +
    `${os.platform()} ${os.release()}; load average ${load}`;
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
  private at = performance.now();

  restart(): void {
    this.ticks = readTicks();
    this.usage = process.cpuUsage();
    this.at = performance.now();
  }

  read(): { selfCores: number; otherCores: number | undefined } {
    const wallS = (performance.now() - this.at) / 1000;
    const u = process.cpuUsage(this.usage);
    const selfCores = (u.user + u.system) / 1e6 / wallS;
    const t = readTicks();
    if (!t || !this.ticks) return { selfCores, otherCores: undefined };
    const machineCores = (t.busy - this.ticks.busy) / 100 / wallS; // USER_HZ = 100 on Linux
    return { selfCores, otherCores: Math.max(0, machineCores - selfCores) };
  }
}
