/**
 * A store whose one repository has some methods replaced (a failure, a delay, a count), for tests
 * that make the store misbehave. With `transactions`, the views handed to `transaction(fn)` get the
 * same replacements; without, only calls on the store itself do.
 */
import type { Store } from '../../src/store/store.js';

type RepositoryName = Exclude<keyof Store, 'dialect' | 'close' | 'transaction' | 'pendingMigrations'>;

function bound(target: object, property: string | symbol): unknown {
  const value = Reflect.get(target, property, target);
  return typeof value === 'function' ? value.bind(target) : value;
}

export function overrideRepository<K extends RepositoryName>(
  store: Store,
  name: K,
  replace: (real: Store[K]) => Partial<Store[K]>,
  options: { transactions?: boolean } = {},
): Store {
  const wrap = (inner: Store): Store =>
    new Proxy(inner, {
      get(target, property) {
        if (property === name) {
          const real = target[name];
          const replaced: Partial<Store[K]> = replace(real);
          return new Proxy(real as object, {
            get: (repository, method) =>
              Object.hasOwn(replaced, method)
                ? (replaced as Record<string | symbol, unknown>)[method]
                : bound(repository, method),
          });
        }
        if (property === 'transaction' && options.transactions)
          return <T>(fn: (tx: Store) => Promise<T>) => target.transaction((tx) => fn(wrap(tx)));
        return bound(target, property);
      },
    });
  return wrap(store);
}
