package io.weft.bench;

/** One criterion of the soak, what was measured for it, and whether it held. */
record SoakCheck(String criterion, String measured, boolean passed) {
}
