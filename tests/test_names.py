from sitrep.resolve.names import given_name_class, name_key, same_person_name


def test_romanization_variants_are_one_name():
    assert same_person_name("Konstantin Zizevsky", "Konstantin Zizevskiy")
    assert same_person_name("Konstantin Zizevsky", "Константин Зизевский")
    assert same_person_name("Evgeny Ivanov", "Yevgeny Ivanov")
    assert same_person_name("Oleksandr Lysenko", "Alexander Lysenko")


def test_one_letter_typo_in_a_given_name_is_tolerated():
    assert given_name_class("Aexander") == "alexander"
    assert same_person_name("Aexander Lysenko", "Alexander Lysenko")


def test_different_people_stay_apart():
    assert not same_person_name("Alexander Lysenko", "Alexander Ivanov")
    assert not same_person_name("Evgeny Ivanov", "Sergei Ivanov")
    assert not same_person_name("Ivan Petrov", "Ivan Popov")


def test_surname_alone_may_be_the_same_person():
    assert same_person_name("Peskov", "Dmitry Peskov")


def test_keys_fold_endings_and_letters():
    assert name_key("Zizevskiy") == name_key("Zizevsky") == name_key("Zizevskii")
    assert name_key("Kharkov") == name_key("Харков")
