/** Regex-based detection of e-mail addresses, phone numbers, IP addresses and Luhn-valid card numbers. */
package dev.tailguard.core.pii;
