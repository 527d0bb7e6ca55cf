/**
 * Who may call the API: tokens, kept only as hashes, each belonging to a principal: the desk
 * (ADMIN), an integration (creates and reads leads, imports; acts as a rep only with the act-as
 * scope), or one rep (acts as that rep only). Tokens can be listed and revoked; a changed bootstrap
 * secret revokes the old one.
 */
package dev.leadline.core.access;
