/**
 * Converting a lead into an account, a contact and optionally an opportunity, and undoing it
 * exactly: the lead returns to where it stood, and what the conversion created goes away unless it
 * was changed since.
 */
package dev.leadline.core.conversion;
