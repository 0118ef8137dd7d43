/**
 * A Store with some methods replaced, the rest delegating to the original. A Proxy rather than a
 * spread copy: store classes keep their state in private fields, so their methods must run bound
 * to the original object.
 */
import type { Store } from '../core/ports.ts';

export function withStoreOverrides(store: Store, overrides: Partial<Store>): Store {
  return new Proxy(store, {
    get(target, property) {
      if (Object.hasOwn(overrides, property)) return overrides[property as keyof Store];
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
