package dev.tailguard.core.review;

/**
 * A run of tokens that the synthetic text shares verbatim (case-insensitively, token by token) with its seed.
 * Offsets are UTF-16 character offsets, end exclusive.
 */
public record Span(int syntheticStart, int syntheticEnd, int seedStart, int seedEnd, int tokens) {
}
