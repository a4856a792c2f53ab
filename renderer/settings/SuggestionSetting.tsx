import { useState } from 'react';
import { setSuggestionsShown, suggestionsShown } from '../annotate/useSuggestions';

/** Whether the annotate view suggests spans and links: a preference of this computer. */
export function SuggestionSetting() {
  const [on, setOn] = useState(suggestionsShown);
  return (
    <section className="suggestion-setting" aria-labelledby="suggestion-setting-title">
      <h2 id="suggestion-setting-title">Suggestions</h2>
      <label>
        <input
          type="checkbox"
          checked={on}
          onChange={(e) => {
            setOn(e.target.checked);
            setSuggestionsShown(e.target.checked);
          }}
        />{' '}
        Suggest sources, claims and anonymous attributions in every article
      </label>
      <p className="hint">
        Worked out on this computer, from built-in rules and from the tags in this workspace. Each article can turn them off
        on its own too.
      </p>
    </section>
  );
}
