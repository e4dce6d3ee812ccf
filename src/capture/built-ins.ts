/**
 * Built-ins every page-world hook uses, taken when the script starts (document_start, before
 * any page script) so a page replacing them later changes nothing here.
 */
export const { apply, construct, getOwnPropertyDescriptor } = Reflect;

/** The getter of an accessor property (`Response.prototype.body`…), to call with `apply`. */
export function getterOf(target: object, name: string): ((this: unknown) => unknown) | undefined {
  return getOwnPropertyDescriptor(target, name)?.get as ((this: unknown) => unknown) | undefined;
}

/**
 * A stand-in for a built-in constructor that gives the page the very object the built-in made,
 * after `watch` has followed it; `watch` failing is never the page's problem.
 */
export function watchedConstructor<T extends new (...args: never[]) => object>(native: T, watch: (made: InstanceType<T>) => void): T {
  return new Proxy(native, {
    construct(target, args: never[], newTarget: object) {
      const made = construct(target, args, newTarget as T) as InstanceType<T>;
      try {
        watch(made);
      } catch {
        // Never the page's problem.
      }
      return made;
    },
  });
}

/**
 * A stand-in for a built-in method that lets `note` see the call first (its receiver and
 * arguments), then makes the built-in call exactly as the page asked; `note` failing changes nothing.
 */
export function notedMethod<T extends (...args: never[]) => unknown>(native: T, note: (self: unknown, args: Parameters<T>) => void): T {
  return new Proxy(native, {
    apply(target, thisArg: unknown, args: Parameters<T>) {
      try {
        note(thisArg, args);
      } catch {
        // Never the page's problem: the built-in call below behaves as it would have.
      }
      return apply(target, thisArg, args) as ReturnType<T>;
    },
  });
}
