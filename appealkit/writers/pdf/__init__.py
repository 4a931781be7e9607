"""The PDF evidence bundle: cover, index, checklist, letter, summary, timeline, exhibits."""
