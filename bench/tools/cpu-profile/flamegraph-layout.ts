// Where each box of a flame graph goes, from folded stacks: one row per stack depth
// (the root at depth 0), a box's width proportional to the time spent in it and in
// what it called, siblings merged by label and sorted alphabetically as flamegraph.pl
// does. The x axis is not time: order carries no meaning, width does.

export type FrameBox = {
  readonly label: string;
  // The frames below it and itself, joined by ';' as in folded stacks ('' for the root):
  // what identifies "the same box" in two graphs.
  readonly path: string;
  readonly depth: number;
  readonly x: number;
  readonly width: number;
  readonly us: number;
};

type TreeNode = { us: number; readonly children: Map<string, TreeNode> };

export type LayoutOptions = {
  readonly rootLabel: string;
  readonly width: number;
  // Boxes narrower than this (in the same unit as width) are dropped with their callees;
  // thousands of hairlines make a file heavy and nothing readable.
  readonly minWidth: number;
};

export function layoutFlameGraph(stacks: ReadonlyMap<string, number>, options: LayoutOptions): FrameBox[] {
  const root: TreeNode = { us: 0, children: new Map() };
  for (const [stack, us] of stacks) {
    root.us += us;
    let node = root;
    for (const label of stack.split(';')) {
      const child = node.children.get(label) ?? { us: 0, children: new Map() };
      node.children.set(label, child);
      child.us += us;
      node = child;
    }
  }
  const scale = root.us > 0 ? options.width / root.us : 0;
  const boxes: FrameBox[] = [];
  const place = (label: string, path: string, node: TreeNode, depth: number, x: number): void => {
    const width = node.us * scale;
    if (width < options.minWidth) return;
    boxes.push({ label, path, depth, x, width, us: node.us });
    let childX = x;
    for (const name of [...node.children.keys()].sort()) {
      const child = node.children.get(name) as TreeNode;
      place(name, path === '' ? name : `${path};${name}`, child, depth + 1, childX);
      childX += child.us * scale;
    }
  };
  place(options.rootLabel, '', root, 0, 0);
  return boxes;
}
