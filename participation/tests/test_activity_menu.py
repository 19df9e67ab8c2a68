import pytest

from participation.models import Contact, Load, Reward, Setting

from .factories import ActivityFactory, InterestFactory

pytestmark = pytest.mark.django_db


def test_menu_lists_published_activities_with_japanese_labels(resident):
    ActivityFactory(
        title="花壇の手入れ", setting=Setting.OUTDOOR, reward=Reward.PAID, reward_note="1回1,000円"
    )
    ActivityFactory(title="非公開の活動", is_published=False)
    html = resident.get("/participation/").content.decode()
    assert "花壇の手入れ" in html
    assert "非公開の活動" not in html
    assert "屋外" in html and "1回1,000円" in html
    assert "042-373-5616" in html


def test_menu_filters_combine(resident):
    plants = InterestFactory(name="植物・自然")
    ActivityFactory(title="花壇", setting=Setting.OUTDOOR, contact=Contact.ALONE, interests=[plants])
    ActivityFactory(title="施設のお手伝い", setting=Setting.OUTDOOR, contact=Contact.PEOPLE)
    ActivityFactory(title="袋づくり", setting=Setting.INDOOR, contact=Contact.ALONE)
    html = resident.get("/participation/", {"setting": "outdoor", "contact": "alone"}).content.decode()
    assert "花壇" in html and "施設のお手伝い" not in html and "袋づくり" not in html
    html = resident.get("/participation/", {"interest": plants.pk}).content.decode()
    assert "花壇" in html and "袋づくり" not in html
    assert "1件" in html


def test_physical_load_filter_means_up_to_that_load(resident):
    ActivityFactory(title="軽い作業", load=Load.LIGHT)
    ActivityFactory(title="ふつうの作業", load=Load.MODERATE)
    ActivityFactory(title="重い作業", load=Load.HEAVY)
    html = resident.get("/participation/", {"load": "light"}).content.decode()
    assert "軽い作業" in html and "ふつうの作業" not in html and "重い作業" not in html
    html = resident.get("/participation/", {"load": "moderate"}).content.decode()
    assert "軽い作業" in html and "ふつうの作業" in html and "重い作業" not in html


def test_bad_filter_value_shows_everything_instead_of_an_error(resident):
    ActivityFactory(title="袋づくり")
    response = resident.get("/participation/", {"setting": "space"})
    assert response.status_code == 200
    assert "袋づくり" in response.content.decode()


@pytest.mark.parametrize("rows", [3, 30])
def test_menu_query_count_is_flat(resident, django_assert_num_queries, rows):
    interest = InterestFactory()
    for _ in range(rows):
        ActivityFactory(interests=[interest])
    # activities (with host and district), their interests (prefetched), the filter's interest choices (count + rows)
    with django_assert_num_queries(4):
        response = resident.get("/participation/")
    assert response.content.decode().count('class="activity-card"') == rows
