/**
 * A catalog sentence with elements in it ("Type {text} to confirm"): the placeholders become the
 * given React nodes, so word order stays the translator's and markup (code, test ids) the caller's.
 */
import { Fragment, type ReactNode } from "react";

export function fillParts(template: string, parts: Record<string, ReactNode>): ReactNode[] {
  return template.split(/(\{\w+\})/).map((piece, index) => {
    const name = /^\{(\w+)\}$/.exec(piece)?.[1];
    const part = name !== undefined && name in parts ? parts[name] : piece;
    return <Fragment key={index}>{part}</Fragment>;
  });
}
