// What must happen first: a refused action or notice names the step (and the fields it asks for) that would make it possible.
import type { ActionDef, RegisterDef } from './registers';
import { L, Lang } from './types';

const TEXT = {
  doFirst: L('先执行 {actions}', '先執行 {actions}', 'First do {actions}'),
  doFirstFill: L('先执行 {actions}，填写{fields}', '先執行 {actions}，填寫{fields}', 'First do {actions}, giving {fields}'),
  or: L('或', '或', ' or '),
  and: L('、', '、', ', '),
};

/** "先执行 限期整改，填写整改期限": the steps' labels, and what the steps need filled in. */
function say(def: RegisterDef, steps: readonly ActionDef[], fields: readonly string[], lang: Lang): string {
  const actions = steps.map((a) => a.label[lang]).join(TEXT.or[lang]);
  const labels = [...new Set(fields)].map((k) => def.fields.find((f) => f.key === k)?.label[lang] ?? k).join(TEXT.and[lang]);
  return (labels ? TEXT.doFirstFill : TEXT.doFirst)[lang].replace('{actions}', actions).replace('{fields}', labels);
}

/**
 * The first steps of the shortest ways from `state` to a state `action` may start from. Ordinary
 * steps are named before penalties: a clerk refused "确认已整改" on a reported violation is told to
 * order rectification, not to cut the supply.
 */
function firstSteps(def: RegisterDef, action: ActionDef, state: string): ActionDef[] {
  for (const pool of [def.actions.filter((a) => !a.penalty), def.actions]) {
    // Each state reached, with the first steps of the shortest ways to it.
    const firstOf = new Map<string, ActionDef[]>([[state, []]]);
    let frontier = [state];
    while (frontier.length) {
      const found = new Set<ActionDef>();
      const next: string[] = [];
      for (const s of frontier) {
        for (const a of pool) {
          if (a === action || !a.to || !a.from.includes(s)) continue;
          const first = s === state ? [a] : firstOf.get(s) ?? [];
          if (action.from.includes(a.to)) first.forEach((x) => found.add(x));
          else if (!firstOf.has(a.to)) {
            firstOf.set(a.to, first);
            next.push(a.to);
          }
        }
      }
      if (found.size) return [...found];
      frontier = next;
    }
  }
  return [];
}

/** Why `action` cannot start from `state`, in words naming the step to take first; null when no step leads there. */
export function missingStep(def: RegisterDef, action: ActionDef, state: string, lang: Lang): string | null {
  const steps = firstSteps(def, action, state);
  return steps.length ? say(def, steps, steps.flatMap((a) => a.needs ?? []), lang) : null;
}

/**
 * A field only an action fills (a stamped field such as 整改期限) that is still blank: the step that
 * fills it, e.g. "先执行 限期整改，填写整改期限". Null for fields a person types in directly.
 */
export function fieldStep(def: RegisterDef, field: string, lang: Lang): string | null {
  if (!def.fields.find((f) => f.key === field)?.stamped) return null;
  const needing = def.actions.filter((a) => a.needs?.includes(field));
  const steps = needing.length ? needing : def.actions.filter((a) => a.accepts?.includes(field));
  return steps.length ? say(def, steps, [field], lang) : null;
}
