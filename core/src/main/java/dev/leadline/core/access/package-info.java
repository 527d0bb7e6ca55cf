/** Who may call the API: tokens for administrators and integrations, kept only as hashes. */
package dev.leadline.core.access;
