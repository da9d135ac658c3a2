// Where each agenda item stands, for the move controls. The numbering itself comes from the core.
import type { AgendaItemView } from './backend';

export interface Placement {
  /** Index among its siblings (top level, or the sub-items of one parent). */
  index: number;
  siblingCount: number;
  /** The top-level item just above, under which a top-level item can become a sub-item. */
  previousTopLevel: AgendaItemView | null;
  /** For a sub-item: its parent's index among the top-level items. */
  parentIndex: number | null;
}

export function placements(items: AgendaItemView[]): Map<number, Placement> {
  const result = new Map<number, Placement>();
  const topLevel = items.filter((i) => i.parent_id === null);
  topLevel.forEach((item, index) => {
    result.set(item.id, {
      index,
      siblingCount: topLevel.length,
      previousTopLevel: index > 0 ? (topLevel[index - 1] ?? null) : null,
      parentIndex: null,
    });
    const children = items.filter((c) => c.parent_id === item.id);
    children.forEach((child, childIndex) => {
      result.set(child.id, { index: childIndex, siblingCount: children.length, previousTopLevel: null, parentIndex: index });
    });
  });
  return result;
}
