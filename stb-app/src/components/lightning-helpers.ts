/**
 * @module Small typed doors into Lightning's template API. The core typings bind templates to a spec type per
 * component; our screens are built from data at runtime, so they patch through these instead.
 */
import type { Lightning } from "@lightningjs/sdk";

export type Template = Record<string, unknown>;
type Loose = {
  tag(path: string): Lightning.Element | undefined;
  patch(template: Template): void;
  childList: { a(template: Template): Lightning.Element; clear(): void };
  children: Lightning.Element[];
};

export const loose = (element: Lightning.Element | Lightning.Component): Loose => element as unknown as Loose;

export function tagOf(element: Lightning.Element | Lightning.Component, path: string): Lightning.Element {
  const found = loose(element).tag(path);
  if (!found) throw new Error(`No element ${path}`);
  return found;
}

export function patchOf(element: Lightning.Element | Lightning.Component, template: Template): void {
  loose(element).patch(template);
}
