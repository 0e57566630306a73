// What tracing costs a page: the same target started several ways (tracing off, tracing
// on, and any server to hold them against, such as the same code before tracing existed),
// each loaded with sequential requests on one kept-alive connection, the arms taking turns
// round by round, each round starting one arm later (A B C, B C A, C A B), so drift,
// noise and the place in the round hit them alike. A round's median
// is one sample; each arm is compared with "off" as a ratio of medians with a
// Hodges–Lehmann 95 % interval and a Mann–Whitney test, the statistics of `make compare`.
import type http from 'node:http';
import { onCleanup } from '../../run/cleanup.ts';
import { createOneConnectionAgent, timeSequentialRequests } from '../../measure/page-load.ts';
import { changeInterval } from '../../judge/stats/change-interval.ts';
import type { ChangeInterval } from '../../judge/stats/change-interval.ts';
import { median } from '../../judge/stats/descriptive.ts';
import { mannWhitney } from '../../judge/stats/mann-whitney.ts';
import { startTargetProcess } from '../../run/target-process.ts';
import type { TargetCommand } from '../../run/target-process.ts';

export type Arm = { readonly name: string; readonly command: TargetCommand };

export const overheadPlan = {
  rounds: 30,
  requestsPerRound: 20,
  warmUpRequests: 20,
  alpha: 0.05,
} as const;

export type ArmResult = {
  readonly name: string;
  readonly roundMediansMs: readonly number[];
  readonly medianMs: number;
  // Against the first arm; undefined for the first arm itself.
  readonly change: (ChangeInterval & { readonly p: number }) | undefined;
};

export type OverheadOptions = {
  readonly arms: readonly Arm[];
  readonly mysqlUrl: string;
  readonly pagePath: string;
  readonly rounds: number;
  readonly progress: (line: string) => void;
};

export async function measureOverhead(options: OverheadOptions): Promise<ArmResult[]> {
  const running: { arm: Arm; url: string; agent: http.Agent; stop: () => Promise<void> }[] = [];
  try {
    for (const arm of options.arms) {
      const server = await startTargetProcess({ name: arm.name, command: arm.command, mysqlUrl: options.mysqlUrl });
      const forget = onCleanup(() => server.stop());
      running.push({ arm, url: server.url, agent: createOneConnectionAgent(), stop: async () => (forget(), await server.stop(60_000)) });
    }
    for (const server of running) await timeSequentialRequests(server.url + options.pagePath, overheadPlan.warmUpRequests, server.agent);
    const samples = new Map<string, number[]>(options.arms.map((arm) => [arm.name, []]));
    for (let round = 0; round < options.rounds; round++) {
      const order = [...running.slice(round % running.length), ...running.slice(0, round % running.length)];
      for (const server of order) {
        const times = await timeSequentialRequests(server.url + options.pagePath, overheadPlan.requestsPerRound, server.agent);
        samples.get(server.arm.name)?.push(median(times));
      }
      options.progress(`round ${round + 1}/${options.rounds}`);
    }
    const base = samples.get(options.arms[0]?.name ?? '') ?? [];
    return options.arms.map((arm, index) => {
      const own = samples.get(arm.name) ?? [];
      const change = index === 0 ? undefined : { ...changeInterval(base, own, overheadPlan.alpha), p: mannWhitney(base, own).p };
      return { name: arm.name, roundMediansMs: own, medianMs: median(own), change };
    });
  } finally {
    for (const server of running) {
      server.agent.destroy();
      await server.stop();
    }
  }
}
