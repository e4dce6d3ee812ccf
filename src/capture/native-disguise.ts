import { apply } from './built-ins';

/** Records that `wrapper` stands in for the built-in `native`, so it reads as that built-in. */
export type Disguise = (wrapper: object, native: object) => void;

/**
 * Makes the page world's wrappers read as the built-ins they replace: pages and their
 * libraries check `fetch.toString()` for `[native code]`, and V8 prints a Proxy as an
 * anonymous `function () { [native code] }`. `Function.prototype.toString` is wrapped once
 * to print the replaced built-in instead (and itself as the original).
 */
/* eslint-disable @typescript-eslint/unbound-method -- built-ins cached unbound, called through Reflect.apply */
export function installNativeDisguise(win: typeof globalThis): Disguise {
  const fnToString = win.Function.prototype.toString;
  const natives = new win.WeakMap<object, object>();
  const nativeOf = win.WeakMap.prototype.get;
  const remember = win.WeakMap.prototype.set;
  const disguise: Disguise = (wrapper, native) => {
    apply(remember, natives, [wrapper, native]);
  };
  const wrappedToString = new Proxy(fnToString, {
    apply(target, thisArg: unknown, args: []): string {
      const self: unknown = apply(nativeOf, natives, [thisArg]) ?? thisArg;
      return apply(target, self, args);
    },
  });
  disguise(wrappedToString, fnToString);
  win.Function.prototype.toString = wrappedToString;
  return disguise;
}
