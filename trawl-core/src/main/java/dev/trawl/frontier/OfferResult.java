package dev.trawl.frontier;

/** What {@link Frontier#offer} did with one URL. */
public enum OfferResult {
    /** New: remembered as seen and queued. */
    ADDED,
    /** Seen before: dropped. */
    DUPLICATE,
    /** Not queued because the frontier is closed or its page budget is spent. */
    REJECTED,
    /** Not queued because its host was {@linkplain Frontier#giveUpHost given up}. */
    GIVEN_UP
}
