/**
 * Words every feature shares: who acted ({@link dev.leadline.core.common.Actor}), pages of results,
 * transactions, and the one exception hierarchy.
 */
package dev.leadline.core.common;
