from council.permissions import access_for


def access(request) -> dict:
    return {"access": access_for(getattr(request, "user", None))}
