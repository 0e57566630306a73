// How a call frame is named on the flame graph and in the hot-spot list: the function,
// then where it lives, relative to the repository or to node_modules. No absolute path
// ever appears, so the same code profiled on two machines gives comparable labels.
import type { CallFrame } from './cpuprofile.ts';

// app: this repository's code; dependency: node_modules; node: Node's own JavaScript;
// engine: V8 and native code, including the pseudo-frames (program) and (garbage collector).
export type FrameKind = 'app' | 'dependency' | 'node' | 'engine';

export type FrameLabel = { readonly text: string; readonly kind: FrameKind };

// The sampler's name for "waiting in the event loop": never drawn as a hot spot.
export const idleFrameName = '(idle)';

export function labelFrame(frame: CallFrame, repositoryUrl: string): FrameLabel {
  const name = frame.functionName === '' ? '(anonymous)' : frame.functionName;
  if (frame.url === '') return { text: clean(name), kind: 'engine' };
  const line = frame.lineNumber >= 0 ? `:${frame.lineNumber + 1}` : '';
  const { place, kind } = placeOf(frame.url, repositoryUrl);
  return { text: clean(`${name} ${place}${line}`), kind };
}

function placeOf(url: string, repositoryUrl: string): { place: string; kind: FrameKind } {
  const modules = url.lastIndexOf('/node_modules/');
  if (modules !== -1) return { place: url.slice(modules + '/node_modules/'.length), kind: 'dependency' };
  if (url.startsWith(repositoryUrl)) return { place: url.slice(repositoryUrl.length), kind: 'app' };
  if (url.startsWith('node:')) return { place: url, kind: 'node' };
  return { place: url.slice(url.lastIndexOf('/') + 1), kind: 'dependency' };
}

// ';' separates frames in folded stacks, and a newline would split one stack in two.
function clean(text: string): string {
  return text.replace(/;/g, ',').replace(/\s+/g, ' ');
}
