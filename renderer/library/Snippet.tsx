/** The marks the host puts around each match in a snippet (see store/library.ts). */
const MATCH_START = String.fromCharCode(2);
const MATCH_END = String.fromCharCode(3);

/** A search snippet, its matches shown as <mark>: text only, never HTML. */
export function Snippet({ text }: { text: string }) {
  const parts: string[] = [''];
  for (const char of text) {
    if (char === MATCH_START || char === MATCH_END) parts.push('');
    else parts[parts.length - 1] += char;
  }
  return (
    <span className="snippet">
      {parts.map((part, i) => (i % 2 === 1 ? <mark key={i}>{part}</mark> : <span key={i}>{part}</span>))}
    </span>
  );
}
