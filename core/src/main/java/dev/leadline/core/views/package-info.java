/**
 * Custom list views: a named view over leads (a base intelligence view, conditions on any field and an
 * order), shared with the team or personal to one rep, opened like the built-in views from the API
 * and from chat ({@code /leads <name>}).
 */
package dev.leadline.core.views;
