package org.helpline.gateway.campaign;

/**
 * Where campaigns live in Redis. Everything that a campaign script touches together shares the hash tag
 * {@code {cmp}}, so on a Redis Cluster the list indexes and every campaign sit in one slot (sending a campaign is a few
 * thousand operations a second at most: one shard carries it easily). A contact's own list record sits with its
 * conversation ({@code conv:{<id>}:list}), so erasing the conversation erases it.
 *
 * <ul>
 *   <li>{@code cmp:{cmp}:subscribed} SET: ids on the list now (opted-out and erased contacts are removed)</li>
 *   <li>{@code cmp:{cmp}:lang:<l>}, {@code cmp:{cmp}:channel:<c>}, {@code cmp:{cmp}:tag:<t>} SETs: indexes</li>
 *   <li>{@code cmp:{cmp}:tags}, {@code cmp:{cmp}:langs} SETs: known tags and languages (for the page)</li>
 *   <li>{@code cmp:{cmp}:campaigns} ZSET: campaign ids by creation time; {@code cmp:{cmp}:running} SET</li>
 *   <li>{@code cmp:{cmp}:c:<id>} HASH: definition (JSON), state, startAt; and per campaign {@code :pending} SET,
 *       {@code :inflight} ZSET (lease deadlines), {@code :claims} HASH, {@code :deferred} ZSET (quiet hours,
 *       retries), {@code :attempts} HASH, {@code :counts} HASH, {@code :bucket} HASH (the shared rate)</li>
 * </ul>
 */
public final class CampaignKeys {
    static final String PREFIX = "cmp:{cmp}:";

    private CampaignKeys() {
    }

    public static String subscribed() {
        return PREFIX + "subscribed";
    }

    public static String language(String lang) {
        return PREFIX + "lang:" + lang;
    }

    public static String channel(String channel) {
        return PREFIX + "channel:" + channel;
    }

    public static String tag(String tag) {
        return PREFIX + "tag:" + tag;
    }

    static String tags() {
        return PREFIX + "tags";
    }

    static String languages() {
        return PREFIX + "langs";
    }

    static String campaigns() {
        return PREFIX + "campaigns";
    }

    static String running() {
        return PREFIX + "running";
    }

    static String scratch(String purpose) {
        return PREFIX + "scratch:" + purpose;
    }

    public static String campaign(String id) {
        return PREFIX + "c:" + id;
    }

    public static String pending(String id) {
        return campaign(id) + ":pending";
    }

    static String inflight(String id) {
        return campaign(id) + ":inflight";
    }

    static String claims(String id) {
        return campaign(id) + ":claims";
    }

    static String deferred(String id) {
        return campaign(id) + ":deferred";
    }

    static String attempts(String id) {
        return campaign(id) + ":attempts";
    }

    public static String counts(String id) {
        return campaign(id) + ":counts";
    }

    static String bucket(String id) {
        return campaign(id) + ":bucket";
    }

    /** A contact's list record, beside its conversation (erased with it). */
    public static String subscriber(String contactId) {
        return "conv:{" + contactId + "}:list";
    }

}
