"""What every response to a signed-in reader must carry: nothing it shows is kept by a cache on the way
or in the browser. Asserted on every page of the URL × role table (tests/test_url_roles.py), in the same
request that checks the page's status, and on static files by tests/security/test_response_policies.py."""


def cache_directives(response) -> set[str]:
    return {part.strip().lower() for part in response.get("Cache-Control", "").split(",") if part.strip()}


def assert_private_and_not_stored(response) -> None:
    directives = cache_directives(response)
    assert {"private", "no-store"} <= directives, (response.status_code, response.get("Cache-Control"))
    assert not {"public", "s-maxage"} & {directive.split("=")[0] for directive in directives}
