import pytest

from community.audiences import MemberKind, MembershipStatus
from tests.factories.members import applicant, member, secretariat, with_status


@pytest.fixture
def alumna(db):
    return member(handle="alumna", display_name="佐藤 美咲", name_kana="さとう みさき")


@pytest.fixture
def employee(db):
    return member(
        kind=MemberKind.EMPLOYEE, handle="employee", display_name="鈴木 健太", name_kana="すずき けんた"
    )


@pytest.fixture
def pending(db):
    return applicant()


@pytest.fixture
def rejected(db):
    return with_status(MembershipStatus.REJECTED, handle="rejected")


@pytest.fixture
def suspended(db):
    return with_status(MembershipStatus.SUSPENDED, handle="suspended")


@pytest.fixture
def secretary(db):
    return secretariat(handle="secretary")


@pytest.fixture
def login(client):
    def _login(profile_or_user):
        user = getattr(profile_or_user, "user", profile_or_user)
        client.force_login(user)
        return client

    return _login
