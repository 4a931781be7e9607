"""Writers turn plain records into files. None of them knows a source format."""
