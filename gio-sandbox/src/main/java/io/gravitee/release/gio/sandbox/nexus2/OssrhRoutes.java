package io.gravitee.release.gio.sandbox.nexus2;

/**
 * The routes Sonatype's OSSRH Staging API service implements (PEERS.md, "Sonatype's OSSRH Staging API service"). In
 * OSSRH mode every other route, {@code /content/...} included, answers 401 {@value #REFUSAL} without a
 * {@code WWW-Authenticate} header, whatever the credentials: the service refuses the route before it looks at who asks.
 */
final class OssrhRoutes {
    /** The whole text body of the service's refusal of a route it lacks. */
    static final String REFUSAL = "New method identified";

    private static final String STAGING = "/service/local/staging/";

    private OssrhRoutes() {}

    static boolean offers(String method, String path) {
        if (path.equals("/service/local/status")) {
            return method.equals("GET");
        }
        if (path.startsWith("/manual/")) {
            return (method.equals("GET") && path.equals("/manual/search/repositories"))
                    || (method.equals("POST") && keyed(path, "/manual/upload/repository/"))
                    || (method.equals("DELETE") && keyed(path, "/manual/drop/repository/"));
        }
        if (!path.startsWith(STAGING)) {
            return false;
        }
        String[] parts = path.substring(STAGING.length()).split("/", -1);
        return switch (parts[0]) {
            case "profiles" -> (method.equals("GET") && parts.length <= 2)
                    || (method.equals("POST") && parts.length == 3
                            && (parts[2].equals("start") || parts[2].equals("finish")));
            case "profile_evaluate" -> method.equals("GET") && parts.length == 1;
            case "repository" -> method.equals("GET") && parts.length == 2;
            case "bulk" -> method.equals("POST") && parts.length == 2
                    && (parts[1].equals("close") || parts[1].equals("promote"));
            // Uploads (and the reads Maven's deploy makes of metadata) of both deploy routes.
            case "deployByRepositoryId" -> parts.length > 2;
            case "deploy" -> parts.length > 2 && parts[1].equals("maven2");
            default -> false;
        };
    }

    private static boolean keyed(String path, String prefix) {
        return path.startsWith(prefix) && path.length() > prefix.length();
    }
}
