// Starting the Flask peer in tests. Where python3 >= 3.10 exists, `make test` has installed
// it (the `peers` target), so a missing install fails; without python3 the peer's tests
// skip with the same one line the harness prints.
import { startTargetProcess } from '../../bench/run/target-process.ts';
import type { TargetProcess } from '../../bench/run/target-process.ts';
import { flaskCommand, flaskPeerStatus, flaskTargets } from '../../peers/flask/target.ts';
import type { FlaskStage, FlaskTarget } from '../../peers/flask/target.ts';

const status = flaskPeerStatus();
if (status.kind === 'no-python') process.stderr.write(`${status.line}\n`);

export const skipFlaskPeer = status.kind === 'no-python';

export function requireFlaskPeer(): void {
  if (status.kind === 'not-installed') throw new Error(status.line);
}

export function flaskTarget(stage: FlaskStage): FlaskTarget {
  const target = flaskTargets.find((candidate) => candidate.stage === stage);
  if (target === undefined) throw new Error(`no flask stage ${stage}`);
  return target;
}

export function startFlaskPeer(
  stage: FlaskStage,
  mysqlUrl: string,
  env: Readonly<Record<string, string>> = {},
): Promise<TargetProcess> {
  return startTargetProcess({ name: flaskTarget(stage).name, command: flaskCommand(stage, env), mysqlUrl });
}
