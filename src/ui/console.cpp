// Temporary: replaced by the console in the foundation work.
