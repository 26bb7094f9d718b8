/**
 * Parquet input and output of documents with parquet-floor (Apache parquet-java's column and file code without
 * Hadoop; see the README's "Parquet" section for why this library). {@link dev.tailguard.core.io.parquet.ParquetDocumentReader}
 * streams documents from a Parquet file in Hugging Face datasets' layout (a text column, optional {@code id} and
 * other columns); {@link dev.tailguard.core.io.parquet.ParquetDocumentWriter} writes blended shards.
 */
package dev.tailguard.core.io.parquet;
