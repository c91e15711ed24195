/**
 * A text input whose value follows the state only while it is not focused: a re-render that
 * arrives late (the server's answer to an earlier keystroke) never overwrites what the user is
 * typing, so focus, caret and selection stay.
 */
import type { JSX, TargetedInputEvent } from 'preact';
import { useLayoutEffect, useRef } from 'preact/hooks';

export interface KeepFocusInputProps {
  value: string;
  class?: string;
  placeholder?: string | undefined;
  'aria-label'?: string;
  onInput?: ((ev: TargetedInputEvent<HTMLInputElement>) => void) | undefined;
  [data: `data-${string}`]: string | undefined;
}

export function KeepFocusInput({ value, ...rest }: KeepFocusInputProps): JSX.Element {
  const ref = useRef<HTMLInputElement>(null);
  useLayoutEffect(() => {
    const el = ref.current;
    if (el && el.ownerDocument.activeElement !== el && el.value !== value) el.value = value;
  });
  return <input ref={ref} type="text" {...rest} />;
}
