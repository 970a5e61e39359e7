"""Names, places and languages of the fictional population of Kreis Beispielstadt.

The lists hold common names of each country of origin, written as a passport would write them: in the
original script where the passport uses one (Arabic, Persian, Cyrillic, Ge'ez, Georgian), followed by the
Latin transliterations seen in German files, most common first. A line reads ``original|Latin1,Latin2``;
Latin-script names have no ``original|`` part (the first spelling is the passport's, the others are how
German files often write it, e.g. without diacritics). ``male/female`` pairs give gendered forms
(Kovalskyi/Kovalska). ``#weight`` overrides the default weight, which falls with the position in the list
(earlier names are more frequent, as in real name statistics).

No list describes a real person; combinations are drawn at random.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# --- parsing ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Name:
    """One name with its original-script form (empty for Latin script) and its Latin spellings."""

    original: str
    latin: tuple[str, ...]
    original_female: str = ""
    latin_female: tuple[str, ...] = ()

    def form(self, female: bool) -> Name:
        """The female form of a gendered family name (Ivanov -> Ivanova); otherwise the name itself."""
        if female and self.latin_female:
            return Name(self.original_female or self.original, self.latin_female)
        return self


@dataclass(frozen=True)
class NamePool:
    names: tuple[Name, ...]
    weights: tuple[float, ...]


def _split_gender(text: str) -> tuple[str, str]:
    male, _sep, female = text.partition("/")
    return male.strip(), female.strip()


def pool(spec: str) -> NamePool:
    """Parse one name list (one name per line, see the module docstring)."""
    names: list[Name] = []
    weights: list[float] = []
    for line in spec.strip().splitlines():
        line = line.strip()
        if not line:
            continue
        line, _sep, weight = line.partition("#")
        original, _sep, latin = line.rpartition("|")
        spellings = [s.strip() for s in latin.split(",") if s.strip()]
        if "/" in latin:
            pairs = [_split_gender(s) for s in spellings]
            male_o, female_o = _split_gender(original)
            names.append(Name(male_o, tuple(p[0] for p in pairs), female_o, tuple(p[1] for p in pairs)))
        else:
            names.append(Name(original.strip(), tuple(spellings)))
        default = 1.0 / (len(weights) + 2) ** 0.7
        weights.append(float(weight) if weight else default)
    return NamePool(tuple(names), tuple(weights))


# --- Arabic (Syria, Iraq, stateless Palestinians and Kurds) -----------------------------------------------

SYRIAN_FAMILY = pool("""
الحسن|Al-Hassan,Alhasan,Al Hasan,Al-Hasan
الأحمد|Al-Ahmad,Alahmad,Al Ahmed
المحمد|Al-Mohammad,Almohamad,Al-Muhammad
الخطيب|Al-Khatib,Alkhatib,El-Khatib
الشيخ|Al-Sheikh,Alsheikh,Al-Shaikh
العلي|Al-Ali,Alali
الحمد|Al-Hamad,Alhamad
الموسى|Al-Mousa,Almousa,Al-Musa
العمر|Al-Omar,Alomar
الحسين|Al-Hussein,Alhussein,Al-Husain
الحلبي|Al-Halabi,Alhalabi
الزعبي|Al-Zoubi,Alzoubi,Al-Zuabi
المصري|Al-Masri,Almasri,El-Masry
النجار|Al-Najjar,Alnajjar,Al-Naggar
الخليل|Al-Khalil,Alkhalil
العبدالله|Al-Abdullah,Alabdullah,Al-Abdallah
الرفاعي|Al-Rifai,Alrifai,Al-Refaai
الحريري|Al-Hariri,Alhariri
العبيد|Al-Obaid,Alobaid
الظاهر|Al-Daher,Aldaher,Al-Zaher
العثمان|Al-Othman,Alothman
الدرويش|Al-Darwish,Aldarwish
الجاسم|Al-Jasem,Aljassem,Al-Jasim
الكردي|Al-Kurdi,Alkurdi
حسين|Hussein,Hussain,Husein
إبراهيم|Ibrahim,Ebrahim
عثمان|Othman,Osman,Uthman
يوسف|Youssef,Yousef,Yusuf
سليمان|Suleiman,Sulaiman,Soliman
خليل|Khalil,Chalil
درويش|Darwish,Darwisch,Darweesh
قاسم|Kassem,Qasim,Kasim
حداد|Haddad
صالح|Saleh,Salih
محمود|Mahmoud,Mahmud
حمود|Hammoud,Hamoud
شريف|Sharif,Scharif
عيسى|Issa,Eissa,Isa
بكر|Bakr,Bakir
حسو|Hasso,Haso
سيدو|Sido,Seydo
أوسو|Osso,Oso
رشو|Rasho,Rascho
عبدو|Abdo,Abdou
""")

IRAQI_FAMILY = pool("""
الجبوري|Al-Jubouri,Aljubouri,Al-Jabouri,Al-Juburi
الدليمي|Al-Dulaimi,Aldulaimi,Al-Dulaymi
العبيدي|Al-Obaidi,Alobaidi,Al-Ubaidi
التميمي|Al-Tamimi,Altamimi
الربيعي|Al-Rubaie,Alrubaie,Al-Rubaiee
الشمري|Al-Shammari,Alshammari,Al-Shamari
الساعدي|Al-Saadi,Alsaadi
الموسوي|Al-Musawi,Almousawi,Al-Mousawi
الحسيني|Al-Husseini,Alhusseini
العزاوي|Al-Azzawi,Alazzawi
الكبيسي|Al-Kubaisi,Alkubaisi
البياتي|Al-Bayati,Albayati
حسن|Hassan,Hasan
علي|Ali
كريم|Karim,Kareem
جاسم|Jassim,Jasem,Dschasim
عباس|Abbas
جعفر|Jaafar,Jafar
قادر|Qadir,Kadir,Kader
رسول|Rasul,Rasoul
أحمد|Ahmed,Ahmad
مصطفى|Mustafa,Mostafa
خلف|Khalaf,Chalaf
حجي|Haji,Hadschi
قاسو|Qasso,Kasso
""")

ARABIC_MALE = pool("""
محمد|Mohammad,Muhammad,Mohamed,Mohamad,Mohammed#3
أحمد|Ahmad,Ahmed#1.6
علي|Ali#1.2
عمر|Omar,Umar
خالد|Khaled,Khalid,Chaled
محمود|Mahmoud,Mahmud
حسن|Hassan,Hasan
حسين|Hussein,Hussain,Husein
يوسف|Youssef,Yousef,Yusuf
إبراهيم|Ibrahim,Ebrahim
عبد الرحمن|Abdulrahman,Abdul Rahman,Abdelrahman,Abdalrahman
مصطفى|Mustafa,Moustafa,Mostafa
سامر|Samer
فراس|Firas,Feras
عمار|Ammar
بلال|Bilal,Belal
طارق|Tarek,Tariq
زياد|Ziad,Ziyad
وليد|Walid,Waleed
ماهر|Maher
كريم|Karim,Kareem
جمال|Jamal,Gamal
حمزة|Hamza,Hamzah
أنس|Anas
ياسين|Yassin,Yasin
عبد الله|Abdullah,Abdallah
سليم|Salim,Selim
رامي|Rami
باسل|Basel,Basil
مازن|Mazen
إياد|Iyad,Eyad
عدنان|Adnan
هادي|Hadi
زيد|Zaid,Zayd
مهدي|Mahdi,Mehdi
حيدر|Haidar,Haider
عباس|Abbas
مرتضى|Murtada,Mortada
آدم|Adam
نزار|Nizar
شادي|Shadi,Schadi
أيمن|Ayman,Aiman
آزاد|Azad
دلشاد|Dilshad,Delshad
""")

ARABIC_FEMALE = pool("""
فاطمة|Fatima,Fatma,Fatimah#1.5
مريم|Mariam,Maryam
آية|Aya,Ayah
نور|Nour,Noor,Nur
سارة|Sara,Sarah
ريم|Reem,Rim
هبة|Hiba,Heba
رنا|Rana
لينا|Lina
دعاء|Doaa,Duaa
رشا|Rasha,Rascha
زينب|Zainab,Zeinab
هدى|Huda,Hoda
أمل|Amal
سلمى|Salma
ياسمين|Yasmin,Yasmine,Jasmin
شهد|Shahad
بتول|Batoul,Batul
رغد|Raghad
عائشة|Aisha,Aischa,Aysha
خديجة|Khadija,Khadidja,Chadidscha
جنى|Jana
ليلى|Layla,Leila,Laila
سعاد|Suad,Souad
نادية|Nadia,Nadja
حنان|Hanan
إسراء|Israa,Esraa
غدير|Ghadeer,Ghadir
ملك|Malak
تسنيم|Tasnim,Tasneem
روان|Rawan
ولاء|Walaa
بيان|Bayan
نسرين|Nisreen,Nesrin,Nasrin
شيرين|Shirin,Schirin
روجين|Rojin
""")

# --- Persian script (Afghanistan, Iran) -------------------------------------------------------------------

AFGHAN_FAMILY = pool("""
احمدی|Ahmadi,Ahmady
محمدی|Mohammadi,Mohammady,Muhammadi
حسینی|Hosseini,Husaini,Hussaini
رحیمی|Rahimi,Rahimy
نوری|Noori,Nuri,Nouri
کریمی|Karimi,Karimy
رضایی|Rezaei,Rezai,Rezaie
حیدری|Haidari,Heidari,Haidary
جعفری|Jafari,Jafary,Jaafari
عزیزی|Azizi,Azizy
صدیقی|Sediqi,Siddiqi,Sadiqi
هاشمی|Hashimi,Hashemi,Haschimi
نظری|Nazari,Nazary
یوسفی|Yousufi,Yusufi,Yousefi
قادری|Qaderi,Kaderi,Qadiri
سلطانی|Sultani,Soltani
امیری|Amiri,Amiry
رحمانی|Rahmani,Rahmany
شریفی|Sharifi,Scharifi
احمدزی|Ahmadzai,Ahmadsai
یوسفزی|Yousafzai,Yusufzai
صافی|Safi
وردک|Wardak
مومند|Mohmand,Momand
ستانکزی|Stanikzai,Stanekzai
نیازی|Niazi,Nyazi
خان|Khan,Chan
سادات|Sadat,Sadaat
چنگیزی|Changezi,Tschangesi
""")

IRANIAN_FAMILY = pool("""
محمدی|Mohammadi,Mohamadi
حسینی|Hosseini,Hoseini
موسوی|Mousavi,Musavi,Moussawi
رضایی|Rezaei,Rezaie
صادقی|Sadeghi,Sadeqi
قاسمی|Ghasemi,Qasemi
کریمی|Karimi
احمدی|Ahmadi
جعفری|Jafari,Djafari
نوروزی|Nowrouzi,Norouzi,Nourozi
ابراهیمی|Ebrahimi,Ibrahimi
تهرانی|Tehrani,Teherani
اکبری|Akbari
کاظمی|Kazemi
امینی|Amini
زارعی|Zarei,Zareie
یزدانی|Yazdani,Jazdani
فرهادی|Farhadi
رحیمی|Rahimi
شریفی|Sharifi
""")

PERSIAN_MALE = pool("""
محمد|Mohammad,Muhammad,Mohamad#2.5
علی|Ali#1.5
رضا|Reza,Resa
حسین|Hossein,Hussain,Hussein
مهدی|Mehdi,Mahdi
احمد|Ahmad,Ahmed
عباس|Abbas
امیر|Amir
مصطفی|Mostafa,Mustafa
حامد|Hamed
سعید|Saeed,Said,Saied
جواد|Javad,Jawad
محمود|Mahmoud,Mahmud
نوید|Navid,Nawid
فرید|Farid
عزیز|Aziz
رحیم|Rahim
کریم|Karim
جاوید|Javid,Jawid
سهراب|Sohrab
مسعود|Masoud,Massoud,Masud
نجیب|Najib,Nadschib
ذبیح\u200cالله|Zabihullah,Sabihullah
عبدالله|Abdullah,Abdollah
حمید|Hamid
شفیق|Shafiq,Schafik
بهرام|Bahram
یاسین|Yasin,Yaseen
ابراهیم|Ebrahim,Ibrahim
فواد|Fawad,Fuad
مرتضی|Morteza,Murtaza
سجاد|Sajjad,Sadschad
اجمل|Ajmal
ولی|Wali
نصیر|Nasir,Naseer
""")

PERSIAN_FEMALE = pool("""
فاطمه|Fatemeh,Fatima,Fatema#1.5
زهرا|Zahra,Sahra
مریم|Maryam,Mariam
زینب|Zainab,Zeinab
سارا|Sara
نرگس|Narges,Nargis
لیلا|Leila,Laila,Layla
مینا|Mina
شبنم|Shabnam,Schabnam
ملالی|Malalai
فرشته|Fereshteh,Freshta,Fereshta
سمیرا|Samira
ناهید|Nahid
پروین|Parwin,Parvin
مرسل|Mursal
مژگان|Mozhgan,Mojgan
نسرین|Nasrin
سحر|Sahar
آرزو|Arezoo,Arzu,Aarzo
شکیلا|Shakila
حمیده|Hamida,Hamideh
صدف|Sadaf
یلدا|Yalda
سیما|Sima
رویا|Roya
نازنین|Nazanin
مهسا|Mahsa
الهام|Elham
نیلوفر|Niloufar,Nilufar
""")

# --- Cyrillic (Ukraine, Russia, Serbia) ------------------------------------------------------------------

UKRAINIAN_FAMILY = pool("""
Шевченко|Shevchenko,Schewtschenko
Коваленко|Kovalenko,Kowalenko
Бондаренко|Bondarenko
Ткаченко|Tkachenko,Tkatschenko
Кравченко|Kravchenko,Krawtschenko
Олійник|Oliinyk,Olijnyk,Oleinik
Мельник|Melnyk,Melnik
Бойко|Boiko,Bojko
Коваль|Koval,Kowal
Шевчук|Shevchuk,Schewtschuk
Поліщук|Polishchuk,Poliščuk
Ткачук|Tkachuk,Tkatschuk
Савченко|Savchenko,Sawtschenko
Руденко|Rudenko
Лисенко|Lysenko,Lissenko
Марченко|Marchenko,Martschenko
Мороз|Moroz,Moros
Павленко|Pavlenko,Pawlenko
Петренко|Petrenko
Кузьменко|Kuzmenko,Kusmenko
Гончаренко|Honcharenko,Gontscharenko
Левченко|Levchenko,Lewtschenko
Іваненко|Ivanenko,Iwanenko
Клименко|Klymenko,Klimenko
Литвиненко|Lytvynenko,Litwinenko
Романенко|Romanenko
Костенко|Kostenko
Приходько|Prykhodko,Prychodko
Гриценко|Hrytsenko,Grizenko
Ковальчук|Kovalchuk,Kowaltschuk
Ковальський/Ковальська|Kovalskyi/Kovalska,Kowalskyj/Kowalska
Савицький/Савицька|Savytskyi/Savytska,Sawyzkyj/Sawyzka
""")

UKRAINIAN_MALE = pool("""
Олександр|Oleksandr,Alexander,Olexandr
Андрій|Andrii,Andriy,Andrij
Сергій|Serhii,Serhiy,Serhij
Дмитро|Dmytro
Володимир|Volodymyr,Wolodymyr
Олег|Oleh,Oleg
Максим|Maksym,Maxym
Іван|Ivan,Iwan
Микола|Mykola
Юрій|Yurii,Yuriy,Jurij
Віктор|Viktor
Богдан|Bohdan
Тарас|Taras
Артем|Artem
Денис|Denys
Роман|Roman
Євген|Yevhen,Jewhen
Ігор|Ihor,Igor
Василь|Vasyl,Wasyl
Павло|Pavlo,Pawlo
Назар|Nazar
Матвій|Matvii,Matwij
Кирило|Kyrylo
""")

UKRAINIAN_FEMALE = pool("""
Олена|Olena,Elena
Наталія|Nataliia,Natalia,Natalija
Тетяна|Tetiana,Tetjana
Ірина|Iryna,Irina
Світлана|Svitlana,Switlana
Оксана|Oksana
Юлія|Yuliia,Julija,Yulia
Ганна|Hanna,Anna
Марія|Mariia,Maria
Катерина|Kateryna
Вікторія|Viktoriia,Viktoria
Людмила|Liudmyla,Ljudmyla
Галина|Halyna
Ольга|Olha,Olga
Дарина|Daryna
Софія|Sofiia,Sofia
Анастасія|Anastasiia,Anastasia
Валентина|Valentyna,Walentyna
Інна|Inna
Лариса|Larysa
Аліна|Alina
Вероніка|Veronika,Weronika
Поліна|Polina
Злата|Zlata
Мирослава|Myroslava,Myroslawa
""")

RUSSIAN_FAMILY = pool("""
Иванов/Иванова|Ivanov/Ivanova,Iwanow/Iwanowa
Смирнов/Смирнова|Smirnov/Smirnova,Smirnow/Smirnowa
Кузнецов/Кузнецова|Kuznetsov/Kuznetsova,Kusnezow/Kusnezowa
Попов/Попова|Popov/Popova,Popow/Popowa
Петров/Петрова|Petrov/Petrova,Petrow/Petrowa
Соколов/Соколова|Sokolov/Sokolova,Sokolow/Sokolowa
Михайлов/Михайлова|Mikhailov/Mikhailova,Michailow/Michailowa
Новиков/Новикова|Novikov/Novikova,Nowikow/Nowikowa
Морозов/Морозова|Morozov/Morozova,Morosow/Morosowa
Волков/Волкова|Volkov/Volkova,Wolkow/Wolkowa
Лебедев/Лебедева|Lebedev/Lebedeva,Lebedew/Lebedewa
Магомедов/Магомедова|Magomedov/Magomedova,Magomedow/Magomedowa
Умаров/Умарова|Umarov/Umarova,Umarow/Umarowa
Исаев/Исаева|Isaev/Isaeva,Issajew/Issajewa
Алиев/Алиева|Aliev/Alieva,Alijew/Alijewa
Мусаев/Мусаева|Musaev/Musaeva,Mussajew/Mussajewa
Хасанов/Хасанова|Khasanov/Khasanova,Chassanow/Chassanowa
Ибрагимов/Ибрагимова|Ibragimov/Ibragimova,Ibragimow/Ibragimowa
Абдуллаев/Абдуллаева|Abdullaev/Abdullaeva,Abdullajew/Abdullajewa
Эльмурзаев/Эльмурзаева|Elmurzaev/Elmurzaeva,Elmursajew/Elmursajewa
""")

RUSSIAN_MALE = pool("""
Александр|Aleksandr,Alexander
Сергей|Sergei,Sergej,Sergey
Дмитрий|Dmitrii,Dmitri,Dmitry
Андрей|Andrei,Andrej
Алексей|Aleksei,Alexej
Максим|Maksim,Maxim
Иван|Ivan,Iwan
Михаил|Mikhail,Michail
Николай|Nikolai,Nikolaj
Артём|Artem,Artjom
Магомед|Magomed
Ислам|Islam
Руслан|Ruslan
Ахмед|Akhmed,Achmed
Адам|Adam
Хасан|Khasan,Chassan
Мансур|Mansur
Умар|Umar
Саид|Said
Ибрагим|Ibragim
""")

RUSSIAN_FEMALE = pool("""
Елена|Elena,Jelena
Ольга|Olga
Наталья|Natalia,Natalja
Татьяна|Tatiana,Tatjana
Ирина|Irina
Анна|Anna
Мария|Maria,Marija
Екатерина|Ekaterina,Jekaterina
Светлана|Svetlana,Swetlana
Юлия|Iuliia,Julija
Хеда|Kheda,Cheda
Зарема|Zarema,Sarema
Мадина|Madina
Луиза|Luiza,Luisa
Малика|Malika
Амина|Amina
Седа|Seda
Айшат|Aishat,Aischat
""")

SERBIAN_FAMILY = pool("""
Јовановић|Jovanović,Jovanovic,Jowanowitsch
Петровић|Petrović,Petrovic
Николић|Nikolić,Nikolic
Марковић|Marković,Markovic
Ђорђевић|Đorđević,Djordjevic,Dordevic
Стојановић|Stojanović,Stojanovic
Илић|Ilić,Ilic
Станковић|Stanković,Stankovic
Павловић|Pavlović,Pavlovic
Милошевић|Milošević,Milosevic
Савић|Savić,Savic
Ристић|Ristić,Ristic
Јашари|Jašari,Jasari
Демировић|Demirović,Demirovic
""")

SERBIAN_MALE = pool("""
Марко|Marko
Никола|Nikola
Стефан|Stefan
Милош|Miloš,Milos
Душан|Dušan,Dusan
Драган|Dragan
Зоран|Zoran
Небојша|Nebojša,Nebojsa
Александар|Aleksandar
Дејан|Dejan
Сеад|Sead
Енис|Enis
""")

SERBIAN_FEMALE = pool("""
Јелена|Jelena
Милица|Milica
Ана|Ana
Марија|Marija
Драгана|Dragana
Снежана|Snežana,Snezana
Ивана|Ivana
Јована|Jovana
Тамара|Tamara
Сања|Sanja
Семра|Semra
Елма|Elma
""")

# --- Georgian --------------------------------------------------------------------------------------------

GEORGIAN_FAMILY = pool("""
ბერიძე|Beridze
კაპანაძე|Kapanadze
გელაშვილი|Gelashvili,Gelaschwili
მაისურაძე|Maisuradze,Maissuradse
გიორგაძე|Giorgadze,Giorgadse
ლომიძე|Lomidze
ცინცაძე|Tsintsadze,Zinzadse
ნოზაძე|Nozadze
ჯავახიშვილი|Javakhishvili,Dschawachischwili
კვარაცხელია|Kvaratskhelia
ხუციშვილი|Khutsishvili,Chuzischwili
ბაქრაძე|Bakradze
შენგელია|Shengelia,Schengelia
ტაბატაძე|Tabatadze
ჩიქოვანი|Chikovani,Tschikowani
კიკნაძე|Kiknadze
აბაშიძე|Abashidze,Abaschidse
""")

GEORGIAN_MALE = pool("""
გიორგი|Giorgi
დავით|Davit,David
ლევან|Levan,Lewan
ნიკოლოზ|Nikoloz
ირაკლი|Irakli
ზურაბ|Zurab,Surab
ლაშა|Lasha,Lascha
გოგა|Goga
ალექსანდრე|Aleksandre
თორნიკე|Tornike
ვახტანგ|Vakhtang,Wachtang
ლუკა|Luka
სანდრო|Sandro
დათო|Dato
გიგა|Giga
""")

GEORGIAN_FEMALE = pool("""
ნინო|Nino
მარიამ|Mariam
თამარ|Tamar
ნათია|Natia
ეკატერინე|Ekaterine
სოფო|Sopo
ანა|Ana
ელენე|Elene
ქეთევან|Ketevan,Ketewan
მაია|Maia
ნანა|Nana
თეონა|Teona
ლიკა|Lika
სალომე|Salome
ხატია|Khatia,Chatia
""")

# --- Ge'ez (Eritrea): no family names; the father's given name follows the own --------------------------

ERITREAN_MALE = pool("""
ተስፋይ|Tesfay,Tesfai,Tesfaye
ገብረመድህን|Gebremedhin,Ghebremedhin
ኣብርሃም|Abraham,Abrham
ሃይለ|Haile,Hayle
ዮሃንስ|Yohannes,Johannes
ተኽለ|Tekle,Tecle
መሓሪ|Mehari,Mehary
ኪዳነ|Kidane
ብርሃነ|Berhane,Brhane
ሰለሞን|Solomon
ዳዊት|Dawit
ኣማኑኤል|Amanuel
ዘርኣይ|Zerai,Zeray
ሚካኤል|Michael,Mikael
ፍሰሃ|Fsaha,Fisseha
ገረዝጊሄር|Gerezgiher
ወልዱ|Woldu,Weldu
ሙሴ|Mussie,Musie
""")

ERITREAN_FEMALE = pool("""
ሳባ|Saba
ሉዋም|Luwam
ሰምሃር|Semhar
ኤልሳ|Elsa
ዮርዳኖስ|Yordanos,Jordanos
ፍረወይኒ|Freweyni,Frewoini
ሰላም|Selam
ሜሮን|Meron
ሩት|Ruth
ቤተልሄም|Betelhem,Bethlehem
ኣኽበረት|Akberet
ብርኽቲ|Brikti,Berikti
ሄለን|Helen
""")

# --- Latin script ----------------------------------------------------------------------------------------

SOMALI_MALE = pool("""
Mohamed,Mohammed,Maxamed#2
Abdirahman,Abdurahman
Abdullahi,Cabdullahi
Ahmed,Axmed
Abdi,Cabdi
Hassan,Xasan
Ali,Cali
Yusuf,Yuusuf
Omar,Cumar
Mahad
Liban
Abdiaziz,Abdulaziz
Bashir
Hamza
Ayanle
Farhan
Khalid
Mustafe,Mustafa
Said,Saciid
Farah
Jama,Jaamac
Warsame
Osman,Cismaan
Nur,Nuur
Ismail,Ismaaciil
Aden,Aadan
Dahir,Daahir
Elmi,Cilmi
""")

SOMALI_FEMALE = pool("""
Hodan
Amina,Aamina
Fadumo,Faduma
Asha,Aisha
Halimo,Xaliimo
Khadra,Khadro
Sahra,Sahro
Hibo
Ifrah
Nimco,Nimo
Ubah,Ubax
Sagal
Hamdi
Faiza
Ayan
Maryan,Mariam
Deqa,Deeqa
Muna
""")

NIGERIAN_FAMILY = pool("""
Okafor
Okonkwo
Adeyemi
Eze
Nwosu
Ogunleye
Balogun
Abubakar
Bello
Adebayo
Obi
Okoro
Chukwu
Afolabi
Igwe
Osagie
Edeh
Uzor
Oyewole
Ogbonna
""")

NIGERIAN_MALE = pool("""
Chinedu
Emeka
Oluwaseun,Oluwaseyi
Tunde
Ibrahim
Musa
Chukwuemeka
Obinna
Ifeanyi
Segun
Kelechi
Uchenna
Samuel
Daniel
Godwin
Friday
Victor
Emmanuel
Femi
Babatunde
Osaro
""")

NIGERIAN_FEMALE = pool("""
Chioma
Ngozi
Blessing
Adaeze
Funmilayo
Aisha
Amaka
Folake
Ifeoma
Joy
Precious
Gift
Esther
Yetunde
Omolara
Nneka
Favour
Patience
Osas
""")

GUINEAN_FAMILY = pool("""
Diallo#3
Bah,Ba#2
Barry,Bari#2
Sow
Camara,Kamara
Condé,Conde,Konde
Keita,Keïta
Touré,Toure
Sylla,Sila
Baldé,Balde
Soumah,Souma
Kourouma
Cissé,Cisse
Traoré,Traore
Kaba
Konaté,Konate
Doumbouya
Bangoura
Fofana
Sidibé,Sidibe
""")

GUINEAN_MALE = pool("""
Mamadou#2.5
Ibrahima
Alpha
Amadou
Ousmane
Abdoulaye
Mohamed
Sekou,Sékou
Alseny
Thierno
Boubacar
Oumar
Lansana
Fodé,Fode
Mory
Souleymane
Mamadou Saliou
Alpha Oumar
""")

GUINEAN_FEMALE = pool("""
Fatoumata#2
Mariama
Aissatou,Aïssatou
Kadiatou
Hawa
Aminata
Mariame
Djénabou,Djenabou
Fanta
Oumou
Adama
Binta
Hadja
Saran
""")

ALBANIAN_FAMILY = pool("""
Krasniqi,Krasnici#2
Gashi
Berisha
Morina
Shala
Hoxha,Hodza
Bytyqi,Bytyci
Kastrati
Rexhepi,Redzepi
Hasani
Ahmeti
Shehu
Kelmendi
Bajrami
Mustafa
Gjoka
Dervishi
Lika
Kryeziu
Sopa
""")

ALBANIAN_MALE = pool("""
Arben
Besnik
Driton
Fatmir
Valon
Agron
Blerim
Ilir
Artan
Gent
Luan
Dardan
Alban
Arian
Burim
Florian
Ardit
Leotrim
Egzon
Granit
""")

ALBANIAN_FEMALE = pool("""
Arta
Blerta
Drita
Vjosa
Mimoza
Shqipe
Teuta
Fjolla
Albulena
Elira
Liridona
Jehona
Besa
Valbona
Donika
Ermira
""")

TURKISH_FAMILY = pool("""
Yılmaz,Yilmaz#2
Kaya
Demir
Şahin,Sahin
Çelik,Celik
Yıldız,Yildiz
Yıldırım,Yildirim
Öztürk,Oeztuerk,Ozturk
Aydın,Aydin
Özdemir,Oezdemir,Ozdemir
Arslan
Doğan,Dogan
Kılıç,Kilic
Aslan
Çetin,Cetin
Kara
Koç,Koc
Kurt
Özkan,Ozkan
Şimşek,Simsek
Polat
Korkmaz
Güneş,Gunes
Aksoy
Bulut
Acar
Keskin
Tekin
Avcı,Avci
Ateş,Ates
""")

TURKISH_MALE = pool("""
Mehmet#2
Mustafa
Ahmet
Ali
Hüseyin,Huseyin
Hasan
İbrahim,Ibrahim
İsmail,Ismail
Osman
Yusuf
Murat
Ömer,Omer
Ramazan
Emre
Burak
Serkan
Kemal
Cem
Eren
Yunus Emre
Furkan
Berkay
Efe
Kerem
""")

TURKISH_FEMALE = pool("""
Fatma#1.5
Ayşe,Ayse
Emine
Hatice
Zeynep
Elif
Meryem
Şerife,Serife
Zehra
Hacer
Esra
Büşra,Busra
Merve
Özlem,Ozlem
Gülsüm,Gulsum
Sevgi
Derya
Yasemin
Ebru
Tuğba,Tugba
Ecrin
Azra
Defne
Nisa
""")

VIETNAMESE_FAMILY = pool("""
Nguyễn,Nguyen#38
Trần,Tran#11
Lê,Le#9.5
Phạm,Pham#7
Hoàng,Hoang#5
Huỳnh,Huynh#4
Phan#4.5
Vũ,Vu#4
Võ,Vo#3
Đặng,Dang#2
Bùi,Bui#2
Đỗ,Do#1.5
Hồ,Ho#1.5
Ngô,Ngo#1.3
Dương,Duong#1
Lý,Ly#0.5
""")

VIETNAMESE_MALE = pool("""
Văn Hùng,Van Hung
Văn Nam,Van Nam
Minh Tuấn,Minh Tuan
Đức Anh,Duc Anh
Quang Huy
Văn Thắng,Van Thang
Thanh Tùng,Thanh Tung
Hoàng Long,Hoang Long
Văn Dũng,Van Dung
Minh Đức,Minh Duc
Quốc Bảo,Quoc Bao
Trung Kiên,Trung Kien
""")

VIETNAMESE_FEMALE = pool("""
Thị Lan,Thi Lan
Thị Hoa,Thi Hoa
Thị Hương,Thi Huong
Thu Trang
Ngọc Anh,Ngoc Anh
Thị Mai,Thi Mai
Thị Hằng,Thi Hang
Phương Linh,Phuong Linh
Thanh Hà,Thanh Ha
Thị Thu,Thi Thu
Minh Châu,Minh Chau
Thị Ngọc,Thi Ngoc
""")

# --- origins ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Origin:
    """A country of origin (or the stateless/unclear markers) and how its people appear in the files."""

    key: str
    nationality: str  # ISO 3166-1 alpha-2, "XX" stateless, "XU" unclear
    weight: float
    family: NamePool | None  # None: patronymic naming (father's given name as family name)
    male: NamePool
    female: NamePool
    original_share: float  # share of files that record the original script (0 for Latin script)
    native: tuple[tuple[str, float], ...]  # native languages (ISO 639) with weights
    other_languages: tuple[str, ...]  # frequent second languages
    letter_language: str  # ISO 639-1 for letters
    birth_places: tuple[str, ...]
    birth_countries: tuple[tuple[str, float], ...] = ()  # besides the nationality itself
    year_only_birth: float = 0.03  # share of "00.00.YYYY" birth dates
    month_only_birth: float = 0.01  # share of "00.MM.YYYY"
    first_of_january: float = 0.0  # share recorded as 01.01. (frequent for some countries)
    wife_takes_name: bool = False
    pathways: tuple[tuple[str, float], ...] = field(default=())
    households: tuple[tuple[str, float], ...] = field(default=())
    soviet_born: bool = False  # born before 1992: birth country often recorded as the Soviet Union
    yugoslav_born: bool = False


_REFUGEE_HOUSEHOLDS = (("single", 42), ("couple", 8), ("family", 38), ("single_parent", 9), ("minor", 3))
_SETTLED_HOUSEHOLDS = (("single", 30), ("couple", 20), ("family", 42), ("single_parent", 8))

ORIGINS: tuple[Origin, ...] = (
    Origin(
        "SY", "SY", 16, SYRIAN_FAMILY, ARABIC_MALE, ARABIC_FEMALE, 0.7,
        (("ar", 8), ("apc", 2), ("kmr", 2)), ("en", "tr"), "ar",
        ("Aleppo", "Damascus", "Homs", "Idlib", "Hama", "Deir ez-Zor", "Raqqa", "Al-Hasakah", "Qamishli",
         "Afrin", "Latakia", "Daraa"),
        (("LB", 0.02), ("JO", 0.01)),
        pathways=(("protection", 88), ("rejected", 4), ("labour", 4), ("long_term", 4)),
        households=_REFUGEE_HOUSEHOLDS,
    ),
    Origin(
        "UA", "UA", 13, UKRAINIAN_FAMILY, UKRAINIAN_MALE, UKRAINIAN_FEMALE, 0.8,
        (("uk", 7), ("ru", 3)), ("ru", "en", "pl"), "uk",
        ("Kyiv", "Kharkiv", "Odesa", "Dnipro", "Zaporizhzhia", "Mariupol", "Lviv", "Mykolaiv", "Kherson",
         "Donetsk", "Luhansk", "Chernihiv", "Sumy", "Poltava"),
        (), 0.0, 0.0, 0.0, True,
        pathways=(("ukraine", 88), ("labour", 8), ("long_term", 4)),
        households=(("single", 30), ("couple", 12), ("family", 13), ("single_parent", 45)),
        soviet_born=True,
    ),
    Origin(
        "TR", "TR", 11, TURKISH_FAMILY, TURKISH_MALE, TURKISH_FEMALE, 0.0,
        (("tr", 8), ("kmr", 2), ("zza", 0.3)), ("de", "en"), "tr",
        ("Istanbul", "Ankara", "Izmir", "Diyarbakır", "Gaziantep", "Konya", "Kayseri", "Sivas", "Trabzon",
         "Erzurum", "Mardin", "Şanlıurfa", "Malatya"),
        (), 0.01, 0.0, 0.0, True,
        pathways=(("long_term", 45), ("labour", 20), ("protection", 20), ("rejected", 10), ("study", 5)),
        households=_SETTLED_HOUSEHOLDS,
    ),
    Origin(
        "AF", "AF", 10, AFGHAN_FAMILY, PERSIAN_MALE, PERSIAN_FEMALE, 0.65,
        (("prs", 6), ("ps", 3), ("haz", 1)), ("fa", "ur", "en"), "fa",
        ("Kabul", "Herat", "Mazar-i-Sharif", "Kandahar", "Ghazni", "Jalalabad", "Kunduz", "Baghlan",
         "Daikundi", "Bamyan", "Parwan", "Wardak"),
        (("IR", 0.15), ("PK", 0.05)), 0.2, 0.02, 0.15,
        pathways=(("protection", 52), ("rejected", 35), ("admission", 10), ("study", 3)),
        households=(("single", 50), ("couple", 5), ("family", 33), ("single_parent", 5), ("minor", 7)),
    ),
    Origin(
        "IQ", "IQ", 6, IRAQI_FAMILY, ARABIC_MALE, ARABIC_FEMALE, 0.6,
        (("ar", 6), ("ckb", 2), ("kmr", 2)), ("en", "tr"), "ar",
        ("Baghdad", "Mosul", "Erbil", "Basra", "Duhok", "Sulaymaniyah", "Kirkuk", "Sinjar", "Najaf",
         "Karbala", "Ramadi", "Tikrit"),
        (), 0.06, 0.02, 0.05,
        pathways=(("protection", 45), ("rejected", 45), ("long_term", 10)),
        households=_REFUGEE_HOUSEHOLDS,
    ),
    Origin(
        "RU", "RU", 4, RUSSIAN_FAMILY, RUSSIAN_MALE, RUSSIAN_FEMALE, 0.8,
        (("ru", 7), ("ce", 2), ("av", 0.5)), ("en", "de"), "ru",
        ("Moscow", "Saint Petersburg", "Grozny", "Makhachkala", "Kazan", "Nizhny Novgorod", "Rostov-on-Don",
         "Nalchik", "Novosibirsk", "Volgograd"),
        (("KZ", 0.04),), 0.01, 0.0, 0.0, True,
        pathways=(("protection", 30), ("rejected", 25), ("labour", 20), ("long_term", 20), ("study", 5)),
        households=_SETTLED_HOUSEHOLDS,
        soviet_born=True,
    ),
    Origin(
        "XK", "XK", 3.5, ALBANIAN_FAMILY, ALBANIAN_MALE, ALBANIAN_FEMALE, 0.0,
        (("sq", 9), ("rom", 1)), ("sr", "de", "en"), "sq",
        ("Pristina", "Prizren", "Peja", "Gjakova", "Mitrovica", "Ferizaj", "Gjilan", "Podujeva"),
        (), 0.01, 0.0, 0.0, True,
        pathways=(("labour", 40), ("long_term", 30), ("rejected", 30)),
        households=_SETTLED_HOUSEHOLDS,
        yugoslav_born=True,
    ),
    Origin(
        "IR", "IR", 3, IRANIAN_FAMILY, PERSIAN_MALE, PERSIAN_FEMALE, 0.75,
        (("fa", 8), ("az", 1), ("ckb", 1)), ("en",), "fa",
        ("Tehran", "Mashhad", "Isfahan", "Shiraz", "Tabriz", "Karaj", "Ahvaz", "Kermanshah", "Urmia",
         "Rasht"),
        (), 0.01,
        pathways=(("protection", 55), ("rejected", 15), ("study", 15), ("labour", 15)),
        households=_SETTLED_HOUSEHOLDS,
    ),
    Origin(
        "ER", "ER", 3, None, ERITREAN_MALE, ERITREAN_FEMALE, 0.6,
        (("ti", 9), ("tig", 1)), ("ar", "en", "am"), "ti",
        ("Asmara", "Keren", "Massawa", "Mendefera", "Adi Keyh", "Barentu", "Dekemhare", "Assab"),
        (("ET", 0.12), ("SD", 0.05)), 0.15, 0.03, 0.05,
        pathways=(("protection", 90), ("rejected", 10)),
        households=(("single", 60), ("couple", 6), ("family", 20), ("single_parent", 10), ("minor", 4)),
    ),
    Origin(
        "VN", "VN", 3, VIETNAMESE_FAMILY, VIETNAMESE_MALE, VIETNAMESE_FEMALE, 0.0,
        (("vi", 1),), ("de", "en"), "vi",
        ("Hanoi", "Hai Phong", "Ho Chi Minh City", "Nghe An", "Thanh Hoa", "Nam Dinh", "Ha Tinh", "Quang Binh"),
        (), 0.01,
        pathways=(("long_term", 45), ("labour", 30), ("study", 15), ("rejected", 10)),
        households=_SETTLED_HOUSEHOLDS,
    ),
    Origin(
        "SO", "SO", 2, None, SOMALI_MALE, SOMALI_FEMALE, 0.0,
        (("so", 1),), ("ar", "en"), "so",
        ("Mogadishu", "Hargeisa", "Kismayo", "Baidoa", "Beledweyne", "Galkayo", "Bosaso", "Marka"),
        (("KE", 0.08), ("ET", 0.05)), 0.25, 0.03, 0.2,
        pathways=(("protection", 70), ("rejected", 30)),
        households=_REFUGEE_HOUSEHOLDS,
    ),
    Origin(
        "NG", "NG", 2, NIGERIAN_FAMILY, NIGERIAN_MALE, NIGERIAN_FEMALE, 0.0,
        (("en", 3), ("yo", 2), ("ig", 2), ("ha", 1), ("pcm", 2), ("bin", 1)), ("en", "pcm"), "en",
        ("Lagos", "Benin City", "Abuja", "Kano", "Ibadan", "Port Harcourt", "Enugu", "Onitsha", "Warri", "Kaduna"),
        (), 0.12, 0.02, 0.05,
        pathways=(("rejected", 60), ("protection", 15), ("study", 10), ("labour", 15)),
        households=(("single", 55), ("couple", 5), ("family", 15), ("single_parent", 25)),
    ),
    Origin(
        "GN", "GN", 2, GUINEAN_FAMILY, GUINEAN_MALE, GUINEAN_FEMALE, 0.0,
        (("fuf", 5), ("sus", 2), ("mnk", 2), ("fr", 1)), ("fr",), "fr",
        ("Conakry", "Labé", "Kankan", "Nzérékoré", "Kindia", "Mamou", "Boké", "Faranah"),
        (), 0.2, 0.03, 0.25,
        pathways=(("rejected", 70), ("protection", 25), ("labour", 5)),
        households=(("single", 70), ("family", 10), ("single_parent", 10), ("minor", 10)),
    ),
    Origin(
        "RS", "RS", 2, SERBIAN_FAMILY, SERBIAN_MALE, SERBIAN_FEMALE, 0.5,
        (("sr", 7), ("rom", 3)), ("de", "sq"), "sr",
        ("Belgrade", "Niš", "Novi Sad", "Kragujevac", "Subotica", "Leskovac", "Vranje", "Kraljevo"),
        (), 0.01, 0.0, 0.0, True,
        pathways=(("rejected", 40), ("labour", 30), ("long_term", 30)),
        households=_SETTLED_HOUSEHOLDS,
        yugoslav_born=True,
    ),
    Origin(
        "AL", "AL", 2, ALBANIAN_FAMILY, ALBANIAN_MALE, ALBANIAN_FEMALE, 0.0,
        (("sq", 1),), ("it", "en", "de"), "sq",
        ("Tirana", "Shkodër", "Durrës", "Elbasan", "Vlorë", "Korçë", "Fier", "Berat"),
        (), 0.01, 0.0, 0.0, True,
        pathways=(("rejected", 35), ("labour", 45), ("long_term", 20)),
        households=_SETTLED_HOUSEHOLDS,
    ),
    Origin(
        "GE", "GE", 2.5, GEORGIAN_FAMILY, GEORGIAN_MALE, GEORGIAN_FEMALE, 0.7,
        (("ka", 9), ("ru", 1)), ("ru", "en"), "ka",
        ("Tbilisi", "Kutaisi", "Batumi", "Rustavi", "Zugdidi", "Gori", "Poti", "Telavi"),
        (), 0.01, 0.0, 0.0, False,
        pathways=(("rejected", 65), ("labour", 25), ("study", 10)),
        households=(("single", 50), ("couple", 20), ("family", 25), ("single_parent", 5)),
        soviet_born=True,
    ),
    Origin(
        "XX", "XX", 1.5, SYRIAN_FAMILY, ARABIC_MALE, ARABIC_FEMALE, 0.6,
        (("ar", 6), ("apc", 2), ("kmr", 2)), ("en",), "ar",
        ("Damascus", "Yarmouk", "Aleppo", "Homs", "Qamishli", "Al-Hasakah"),
        (("SY", 0.8), ("LB", 0.1), ("KW", 0.1)), 0.1, 0.02, 0.02,
        pathways=(("protection", 70), ("rejected", 30)),
        households=_REFUGEE_HOUSEHOLDS,
    ),
    Origin(
        "XU", "XU", 1.5, IRAQI_FAMILY, ARABIC_MALE, ARABIC_FEMALE, 0.5,
        (("ar", 5), ("kmr", 2), ("prs", 2)), ("en",), "ar",
        ("Sinjar", "Mosul", "Kabul", "Herat", "Qamishli"),
        (("IQ", 0.4), ("SY", 0.3), ("AF", 0.3)), 0.3, 0.05, 0.1,
        pathways=(("rejected", 75), ("protection", 25)),
        households=(("single", 60), ("family", 25), ("single_parent", 10), ("minor", 5)),
    ),
)

BY_KEY = {origin.key: origin for origin in ORIGINS}

#: Birth places in countries that are nobody's nationality here but where many were born.
OTHER_BIRTH_PLACES: dict[str, tuple[str, ...]] = {
    "LB": ("Beirut", "Tripoli", "Sidon"),
    "JO": ("Amman", "Irbid", "Zarqa"),
    "KW": ("Kuwait City", "Jahra"),
    "PK": ("Peshawar", "Quetta", "Karachi"),
    "KE": ("Nairobi", "Dadaab", "Kakuma"),
    "ET": ("Addis Ababa", "Shire", "Mekelle", "Gondar"),
    "SD": ("Khartoum", "Kassala"),
    "KZ": ("Almaty", "Karaganda", "Astana"),
}

# --- places, schools, employers in the fictional Kreis Beispielstadt -------------------------------------

#: Municipalities of the Kreis with fictional postcodes (German postcodes never start with 00).
TOWNS: tuple[tuple[str, str, float], ...] = (
    ("00110", "Beispielstadt", 40),
    ("00111", "Beispielstadt", 20),
    ("00115", "Beispielstadt-Nord", 12),
    ("00120", "Musterdorf", 10),
    ("00125", "Exempelhausen", 8),
    ("00130", "Probstedt am Beispielbach", 6),
    ("00135", "Vorlagenfeld", 4),
)

STREETS: tuple[str, ...] = (
    "Lindenweg", "Bahnhofstraße", "Am Markt", "Schulstraße", "Gartenstraße", "Hauptstraße", "Birkenallee",
    "Mühlenweg", "Kastanienweg", "Rosenstraße", "Bergstraße", "Am Sportplatz", "Industriestraße",
    "Wiesengrund", "Ahornring", "Kirchplatz", "Beispielbachufer", "Musterweg", "Feldstraße", "Eichendorffstraße",
    "Sonnenhang", "Fliederweg", "Goethestraße", "Schillerplatz", "Am Wasserturm", "Postgasse", "Talstraße",
)

#: Shared accommodation (Gemeinschaftsunterkunft) for people in the asylum procedure.
SHARED_ACCOMMODATION: tuple[str, ...] = (
    "Gemeinschaftsunterkunft Am Stadtwald 3\n00110 Beispielstadt",
    "Gemeinschaftsunterkunft Industriestraße 40\n00115 Beispielstadt-Nord",
    "Übergangswohnheim Musterweg 12\n00120 Musterdorf",
)

#: Landline numbers the Bundesnetzagentur keeps free for fiction ("drama numbers"): never a real line.
DRAMA_NUMBER_BLOCKS: tuple[str, ...] = ("030 23125", "069 90009", "040 66969", "0221 4710", "089 99998")

SCHOOLS: dict[str, tuple[str, ...]] = {
    "Grundschule": ("Grundschule Am Lindenweg", "Grundschule Beispielstadt-Nord", "Grundschule Musterdorf",
                    "Grundschule Exempelhausen"),
    "Gesamtschule": ("Gesamtschule Beispielstadt",),
    "Realschule": ("Realschule am Stadtpark",),
    "Gymnasium": ("Gymnasium Beispielstadt",),
    "Förderschule": ("Förderschule Sonnenhof",),
    "Berufskolleg": ("Berufskolleg des Kreises Beispielstadt",),
}

EMPLOYERS: tuple[str, ...] = (
    "Logistikzentrum Beispielstadt GmbH", "Klinikum Beispielstadt", "Seniorenzentrum Am Park",
    "Bäckerei Korn & Sohn", "Gebäudereinigung Blitzblank GmbH", "Kreisexpress Paketdienst GmbH",
    "Autohaus Beispielstadt", "Stadtwerke Beispielstadt", "Restaurant Zur Linde", "Hotel Am Markt",
    "Metallbau Beispielbach GmbH", "Pflegedienst Lebensfreude", "Frischmarkt Beispielstadt",
    "Zeitarbeit Kreis Beispielstadt GmbH", "Fleischwaren Musterdorf GmbH", "Elektro Exempel GmbH & Co. KG",
    "Dachdeckerei Ziegler", "Kita-Verbund Beispielstadt", "Lagerhaus Vorlagenfeld", "Sicherheitsdienst Kreiswacht",
)

OCCUPATIONS: tuple[tuple[str, str], ...] = (
    # (occupation, typical training provider)
    ("Pflegefachmann/Pflegefachfrau", "Klinikum Beispielstadt"),
    ("Elektroniker/-in für Energie- und Gebäudetechnik", "Elektro Exempel GmbH & Co. KG"),
    ("Kaufmann/Kauffrau im Einzelhandel", "Frischmarkt Beispielstadt"),
    ("Fachkraft für Lagerlogistik", "Logistikzentrum Beispielstadt GmbH"),
    ("Koch/Köchin", "Restaurant Zur Linde"),
    ("Kfz-Mechatroniker/-in", "Autohaus Beispielstadt"),
    ("Friseur/-in", "Salon Schnittpunkt"),
    ("Anlagenmechaniker/-in SHK", "Haustechnik Beispielbach"),
    ("Medizinische/-r Fachangestellte/-r", "Praxis Dr. Muster"),
    ("Maler/-in und Lackierer/-in", "Malerbetrieb Farbenfroh"),
    ("Bäcker/-in", "Bäckerei Korn & Sohn"),
    ("Verkäufer/-in", "Frischmarkt Beispielstadt"),
    ("Fachinformatiker/-in", "Stadtwerke Beispielstadt"),
    ("Metallbauer/-in", "Metallbau Beispielbach GmbH"),
    ("Dachdecker/-in", "Dachdeckerei Ziegler"),
)

HELPER_TRAININGS: tuple[str, ...] = ("Pflegehelfer/-in", "Fachlagerist/-in", "Sozialassistent/-in")

FOREIGN_QUALIFICATIONS: tuple[str, ...] = (
    "Abitur (Heimatland)", "Bachelor Bauingenieurwesen", "Bachelor Betriebswirtschaft", "Lehrerdiplom",
    "Krankenpflegediplom", "Elektriker (Berufspraxis mit Zeugnis)", "Master Informatik", "Zahnarzt (Approbation beantragt)",
    "Schneiderin (Zertifikat)", "Mittlere Reife (Heimatland)",
)

OFFENCES: tuple[tuple[str, bool, float], ...] = (
    # (offence, only foreigners can commit it, weight)
    ("Erschleichen von Leistungen (§ 265a StGB)", False, 5),
    ("Diebstahl (§ 242 StGB)", False, 5),
    ("Fahren ohne Fahrerlaubnis (§ 21 StVG)", False, 3),
    ("unerlaubter Aufenthalt (§ 95 Abs. 1 Nr. 2 AufenthG)", True, 3),
    ("Verstoß gegen die räumliche Beschränkung (§ 85 AsylG)", True, 1),
    ("Körperverletzung (§ 223 StGB)", False, 3),
    ("Betrug (§ 263 StGB)", False, 2),
    ("Beleidigung (§ 185 StGB)", False, 1.5),
    ("Sachbeschädigung (§ 303 StGB)", False, 1.5),
    ("Besitz von Betäubungsmitteln (§ 29 BtMG)", False, 2),
    ("gefährliche Körperverletzung (§ 224 StGB)", False, 0.8),
    ("Urkundenfälschung (§ 267 StGB)", False, 0.8),
)

LANGUAGE_EXAMS: dict[str, tuple[str, ...]] = {
    "A1": ("Start Deutsch 1 (telc)", "Goethe-Zertifikat A1"),
    "A2": ("Deutsch-Test für Zuwanderer (DTZ)", "telc Deutsch A2", "Goethe-Zertifikat A2"),
    "B1": ("Deutsch-Test für Zuwanderer (DTZ)", "telc Deutsch B1", "Goethe-Zertifikat B1", "ÖSD Zertifikat B1"),
    "B2": ("telc Deutsch B2", "Goethe-Zertifikat B2", "telc Deutsch B1·B2 Pflege"),
    "C1": ("telc Deutsch C1 Hochschule", "Goethe-Zertifikat C1", "TestDaF"),
}
