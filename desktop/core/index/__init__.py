"""The archive store, the bigram index, the word index and its writer process, vector counts, the indexer."""
