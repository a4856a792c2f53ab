import { useWindowKeys } from '../common/useWindowKeys';

export interface AnnotateKeys {
  /** A label hotkey (1-9); `shift` when Shift was held. */
  label(hotkey: string, shift: boolean): void;
  delete(): void;
  escape(): void;
  /** Tab / Shift+Tab; returns false to let the browser move the focus instead. */
  step(direction: 1 | -1): boolean;
  link(): void;
  confirm(): boolean;
  undo(): void;
  redo(): void;
  shortcuts(): void;
  /** E: into the edit mode of the text, or out of it (where the key does not type an "e"). */
  editText(): void;
}

/** The annotate view's keyboard, for the whole window except where the person is typing. */
export function useAnnotateKeys(keys: AnnotateKeys): void {
  useWindowKeys((event) => {
    const mod = event.ctrlKey || event.metaKey;
    if (mod && !event.altKey && event.key.toLowerCase() === 'z') {
      event.preventDefault();
      if (event.shiftKey) keys.redo();
      else keys.undo();
      return;
    }
    if (mod && !event.altKey && event.key.toLowerCase() === 'y') {
      event.preventDefault();
      keys.redo();
      return;
    }
    if (mod || event.altKey) return;
    // event.code, so that Shift+1 is still "1" whatever the keyboard layout makes of it.
    const digit = /^Digit([1-9])$/.exec(event.code)?.[1] ?? /^[1-9]$/.exec(event.key)?.[0];
    if (digit) {
      event.preventDefault();
      keys.label(digit, event.shiftKey);
    } else if (event.key === 'Delete' || event.key === 'Backspace') {
      event.preventDefault();
      keys.delete();
    } else if (event.key === 'Escape') {
      keys.escape();
    } else if (event.key === 'Tab') {
      if (keys.step(event.shiftKey ? -1 : 1)) event.preventDefault();
    } else if (event.key === 'Enter') {
      if (keys.confirm()) event.preventDefault();
    } else if (event.key === 'l' || event.key === 'L') {
      event.preventDefault();
      keys.link();
    } else if (event.key === 'e' || event.key === 'E') {
      event.preventDefault();
      keys.editText();
    } else if (event.key === '?') {
      event.preventDefault();
      keys.shortcuts();
    }
  });
}
