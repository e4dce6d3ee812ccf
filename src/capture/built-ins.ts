/**
 * Built-ins every page-world hook uses, taken when the script starts (document_start, before
 * any page script) so a page replacing them later changes nothing here.
 */
export const { apply, construct } = Reflect;
const { getOwnPropertyDescriptor } = Reflect;

/** The getter of an accessor property (`Response.prototype.body`…), to call with `apply`. */
export function getterOf(target: object, name: string): ((this: unknown) => unknown) | undefined {
  return getOwnPropertyDescriptor(target, name)?.get as ((this: unknown) => unknown) | undefined;
}
