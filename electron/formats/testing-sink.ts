/**
 * For tests: runs a writer over documents into a string. The sink answers each write a little
 * later, as a file stream under back-pressure does, and refuses a write that comes before the
 * last one was answered, so a writer that forgets an `await` fails its tests.
 */
import type { ExportContext, ExportDocument, ExportWriter, TextSink } from './export-types';

export interface Collected {
  text: string;
  /** How many writes the writer made. */
  writes: number;
}

export async function collectWrites(writer: ExportWriter, docs: Iterable<ExportDocument>, context: ExportContext): Promise<Collected> {
  const chunks: string[] = [];
  let pending = false;
  const sink: TextSink = {
    async write(chunk) {
      if (pending) throw new Error('write called before the previous write resolved (a missing await)');
      if (typeof chunk !== 'string') throw new Error(`write called with ${typeof chunk}, not a string`);
      pending = true;
      chunks.push(chunk);
      await new Promise((resolve) => setTimeout(resolve, 0));
      pending = false;
    },
  };
  await writer.begin(sink, context);
  for (const doc of docs) await writer.document(sink, doc, context);
  await writer.end(sink, context);
  if (pending) throw new Error('the writer finished before its last write resolved (a missing await)');
  return { text: chunks.join(''), writes: chunks.length };
}

/** The whole output of `writer` over `docs`. */
export async function collect(writer: ExportWriter, docs: Iterable<ExportDocument>, context: ExportContext): Promise<string> {
  return (await collectWrites(writer, docs, context)).text;
}
