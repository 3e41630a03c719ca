# ruff: noqa: E501  (article texts are kept one line each, as written)
"""Whole articles written for the tests: what a reader expects of each.

The texts are written for this suite in the style of wire reports (none is taken from a
real article). Each row: the article, then the deals a reader would record as
(supplier, buyer, a word of the system name, status); an empty list means the article
reports no transfer (domestic orders, budgets, exercises, trials). ``ARTICLES`` mixes both
kinds; ``ROUTINE_NEWS`` holds only defence news without a transfer, where any deal found is
a false alarm; ``DEAL_PHRASINGS`` holds transfers phrased in the many ways reports put them.
"""

from __future__ import annotations

from datetime import date

import pytest

from armstrack import extract

ARTICLES = [
    pytest.param(
        "State Department clears $2.9 billion sale of Apache helicopters to Morocco\nWASHINGTON - The U.S. State Department has approved a possible Foreign Military Sale to the Kingdom of Morocco of 24 AH-64E Apache helicopters and related equipment for an estimated cost of $2.9 billion, the Defense Security Cooperation Agency said on Thursday.\nThe principal contractors will be Boeing and Lockheed Martin.",
        date.fromisoformat("2025-03-14"),
        [("USA", "MAR", "Apache", "approved")],
        id="State Department clears $2.9 billion sal",
    ),
    pytest.param(
        "Germany orders 105 Leopard 2A8 tanks\nThe German parliament's budget committee on Wednesday approved the purchase of 105 Leopard 2A8 main battle tanks from KNDS Deutschland for the Bundeswehr, worth about 2.9 billion euros.\nDeliveries are expected to begin in 2027.",
        date.fromisoformat("2024-09-02"),
        [],
        id="Germany orders 105 Leopard 2A8 tanks",
    ),
    pytest.param(
        "Philippine and US troops begin joint exercise\nAround 5,000 American and Filipino soldiers began the annual Balikatan drills on Monday, with HIMARS rocket launchers and F-16 fighter jets taking part in live-fire training off the coast of Luzon.",
        date.fromisoformat("2023-06-20"),
        [],
        id="Philippine and US troops begin joint exe",
    ),
    pytest.param(
        "Norway to buy K9 howitzers\nNorway has signed a contract with South Korea's Hanwha Aerospace for 24 additional K9 Thunder self-propelled howitzers, the Norwegian Defence Materiel Agency said on Tuesday. The contract is worth 2.2 billion Norwegian crowns.",
        date.fromisoformat("2024-11-05"),
        [("KOR", "NOR", "K9", "signed")],
        id="Norway to buy K9 howitzers",
    ),
    pytest.param(
        "Norway orders more K9 howitzers\nNorway has signed a contract with South Korea's Hanwha Aerospace for 24 additional K9 Thunder self-propelled howitzers, the Norwegian Defence Materiel Agency said on Tuesday. The contract is worth 2.2 billion Norwegian crowns.",
        date.fromisoformat("2024-11-05"),
        [("KOR", "NOR", "K9", "signed")],
        id="Norway orders more K9 howitzers",
    ),
    pytest.param(
        "Egypt receives first batch of Rafale jets\nEgypt has taken delivery of the first three of 30 Rafale fighter jets it ordered from France's Dassault Aviation in 2021, the Egyptian air force said.",
        date.fromisoformat("2022-12-01"),
        [("FRA", "EGY", "Rafale", "delivered")],
        id="Egypt receives first batch of Rafale jet",
    ),
    pytest.param(
        "India raises defence budget by 4.7 percent\nIndia on Thursday raised its defence budget to 6.2 lakh crore rupees for the next fiscal year, with a larger share for the modernisation of the army, navy and air force, Finance Minister Nirmala Sitharaman said.",
        date.fromisoformat("2024-02-10"),
        [],
        id="India raises defence budget by 4.7 perce",
    ),
    pytest.param(
        "Pyongyang denies selling arms to Moscow\nNorth Korea on Tuesday denied reports that it had supplied artillery shells and rockets to Russia for use in Ukraine, calling the claims a fabrication by Washington.",
        date.fromisoformat("2023-08-15"),
        [("PRK", "RUS", "artillery shells", "alleged")],
        id="Pyongyang denies selling arms to Moscow",
    ),
    pytest.param(
        "Brazil picks Israeli anti-tank missiles\nThe Brazilian army has selected Rafael's Spike LR2 missile, and plans to buy 60 launchers, a spokesman said. The deal still needs approval by the finance ministry.",
        date.fromisoformat("2025-01-22"),
        [("ISR", "BRA", "Spike", "planned")],
        id="Brazil picks Israeli anti-tank missiles",
    ),
    pytest.param(
        "Taiwan's indigenous submarine begins sea trials\nTaiwan's first domestically built submarine, the Hai Kun, began sea trials in Kaohsiung on Thursday, CSBC Corporation said, as the island seeks to bolster its defences.",
        date.fromisoformat("2024-05-30"),
        [],
        id="Taiwan's indigenous submarine begins sea",
    ),
    pytest.param(
        "Turkey cancels plan to buy Eurofighters\nAnkara has scrapped talks with London over the purchase of 40 Eurofighter Typhoon jets after Berlin refused to approve the sale, Turkish officials said.",
        date.fromisoformat("2024-07-11"),
        [("GBR", "TUR", "Eurofighter", "cancelled")],
        id="Turkey cancels plan to buy Eurofighters",
    ),
    pytest.param(
        "Sweden donates CV90 vehicles to Ukraine\nSweden will donate 50 CV90 infantry fighting vehicles to Ukraine as part of its 17th military aid package, worth 6.5 billion Swedish kronor, the government said on Monday.",
        date.fromisoformat("2025-06-03"),
        [("SWE", "UKR", "CV90", "planned")],
        id="Sweden donates CV90 vehicles to Ukraine",
    ),
    pytest.param(
        "Romania signs deal for Patriot systems\nRomania has signed a contract with the United States for a second Patriot air defence system, the defence ministry in Bucharest said, adding that the first one was delivered in 2023.",
        date.fromisoformat("2024-10-08"),
        [("USA", "ROU", "Patriot", "signed")],
        id="Romania signs deal for Patriot systems",
    ),
    pytest.param(
        "Croatia to get Black Hawks\nEight UH-60M Black Hawk helicopters will be delivered to Croatia by the United States under a $200 million agreement signed on Monday, Croatian Defence Minister Ivan Anusic said.",
        date.fromisoformat("2024-04-02"),
        [("USA", "HRV", "Black Hawk", "signed")],
        id="Croatia to get Black Hawks",
    ),
    pytest.param(
        "Netherlands to acquire Tomahawks\nThe Netherlands will acquire up to 150 Tomahawk cruise missiles from the United States for its frigates and submarines, Defence Minister Ruben Brekelmans told parliament on Wednesday.",
        date.fromisoformat("2023-01-18"),
        [("USA", "NLD", "Tomahawk", "planned")],
        id="Netherlands to acquire Tomahawks",
    ),
    pytest.param(
        "North Korea tests new missile\nNorth Korea test-fired a new solid-fuel Hwasong-18 intercontinental ballistic missile on Thursday, South Korea's military said, the latest in a string of launches condemned by Washington and Tokyo.",
        date.fromisoformat("2024-03-22"),
        [],
        id="North Korea tests new missile",
    ),
    pytest.param(
        "Lockheed Martin beats earnings forecast\nLockheed Martin on Tuesday reported third-quarter sales of $17.1 billion, citing strong demand for F-35 jets, PAC-3 interceptors and GMLRS rockets, and raised its full-year outlook.",
        date.fromisoformat("2024-10-23"),
        [],
        id="Lockheed Martin beats earnings forecast",
    ),
    pytest.param(
        "Indian Navy commissions new destroyer\nThe Indian Navy on Thursday commissioned INS Imphal, a Visakhapatnam-class stealth destroyer built by Mazagon Dock Shipbuilders in Mumbai, into service.",
        date.fromisoformat("2024-08-29"),
        [],
        id="Indian Navy commissions new destroyer",
    ),
    pytest.param(
        "Saab wins Gripen order\nSaab has received an order from Thailand for four Gripen E/F fighters, the Swedish company said on Wednesday. The order is worth about 5.3 billion Swedish kronor.",
        date.fromisoformat("2025-02-12"),
        [("SWE", "THA", "Gripen", "signed")],
        id="Saab wins Gripen order",
    ),
    pytest.param(
        "Serbia receives Chinese air defence\nSerbia has received the HQ-22 (FK-3) surface-to-air missile system from China, President Aleksandar Vucic said, making it the first European operator of the system.",
        date.fromisoformat("2023-11-30"),
        [("CHN", "SRB", "FK-3", "delivered")],
        id="Serbia receives Chinese air defence",
    ),
    pytest.param(
        "Pentagon awards missile contract\nThe Pentagon awarded Raytheon a $1.2 billion contract to produce AMRAAM missiles for the U.S. Air Force and Navy, the Department of Defense said on Friday.",
        date.fromisoformat("2024-06-14"),
        [],
        id="Pentagon awards missile contract",
    ),
    pytest.param(
        "Manila eyes BrahMos expansion\nThe Philippines is considering buying additional batteries of the BrahMos supersonic cruise missile from India after the first system arrived last year, a Philippine Navy spokesman said.",
        date.fromisoformat("2025-05-06"),
        [("IND", "PHL", "BrahMos", "considered")],
        id="Manila eyes BrahMos expansion",
    ),
    pytest.param(
        "Greek parliament approves F-35 purchase\nGreece's parliament approved the purchase of 20 F-35 fighter jets from the United States, a deal worth about $8.6 billion, the defence ministry said.",
        date.fromisoformat("2024-01-25"),
        [("USA", "GRC", "F-35", "approved")],
        id="Greek parliament approves F-35 purchase",
    ),
]


# Ordinary defence news: budgets, tests, exercises, domestic orders and deliveries, debates,
# sanctions, treaties, deployments. None reports a transfer between two states.
ROUTINE_NEWS = [
    pytest.param(
        "Australia lifts defence spending\nCanberra will spend an extra A$50 billion on defence over the next decade, with money set aside for nuclear-powered submarines, long-range strike missiles and new drones, Defence Minister Richard Marles said on Tuesday.",
        date.fromisoformat("2024-04-17"),
        [],
        id="Australia lifts defence spending",
    ),
    pytest.param(
        "India tests Agni-5 with multiple warheads\nIndia on Monday flight-tested an Agni-5 ballistic missile carrying several independently targetable warheads from Abdul Kalam Island off the coast of Odisha, the Defence Research and Development Organisation said.",
        date.fromisoformat("2024-03-12"),
        [],
        id="India tests Agni-5 with multiple warhead",
    ),
    pytest.param(
        "NATO begins its largest drills in decades\nAbout 90,000 troops from 31 allied countries began the Steadfast Defender exercise on Wednesday, with German Leopard 2 tanks, American F-35 jets and British warships training across Poland and the Baltic states.",
        date.fromisoformat("2024-01-24"),
        [],
        id="NATO begins its largest drills in decade",
    ),
    pytest.param(
        "French army orders more Caesar guns\nThe French procurement agency DGA has placed an order with KNDS France for 109 Caesar Mk II self-propelled howitzers for the French army, worth about 300 million euros, the armed forces ministry said.",
        date.fromisoformat("2024-02-01"),
        [],
        id="French army orders more Caesar guns",
    ),
    pytest.param(
        "US Army awards Abrams upgrade contract\nThe U.S. Army has awarded General Dynamics Land Systems a $1.2 billion contract to upgrade M1A2 Abrams tanks to the SEPv3 standard, the Pentagon said on Friday.",
        date.fromisoformat("2023-09-08"),
        [],
        id="US Army awards Abrams upgrade contract",
    ),
    pytest.param(
        "Britain to send more troops to Estonia\nBritain will send an extra 900 soldiers and a squadron of Challenger 2 tanks to Estonia next year to reinforce NATO's eastern flank, Defence Secretary Ben Wallace said.",
        date.fromisoformat("2022-03-29"),
        [],
        id="Britain to send more troops to Estonia",
    ),
    pytest.param(
        "Russia suspends New START\nRussia has suspended its participation in the New START treaty, the last arms control pact with the United States, which limits deployed nuclear warheads, missiles and bombers.",
        date.fromisoformat("2023-02-22"),
        [],
        id="Russia suspends New START",
    ),
    pytest.param(
        "EU adopts new sanctions on Russia\nThe European Union on Monday adopted a fresh package of sanctions against Russia, banning exports of machine tools and electronics that can be used in missiles and drones and listing 60 more companies.",
        date.fromisoformat("2024-06-24"),
        [],
        id="EU adopts new sanctions on Russia",
    ),
    pytest.param(
        "South Korean army receives first K9A2 howitzers\nHanwha Aerospace delivered the first K9A2 self-propelled howitzers to the Republic of Korea Army at a ceremony in Changwon on Thursday, the company said.",
        date.fromisoformat("2025-03-20"),
        [],
        id="South Korean army receives first K9A2 ho",
    ),
    pytest.param(
        "Japanese lawmakers debate defence budget\nJapan's parliament began debating a record defence budget of 7.9 trillion yen on Monday, which includes funds for Type 12 missiles built by Mitsubishi Heavy Industries and for the F-35 jets already on order.",
        date.fromisoformat("2024-01-29"),
        [],
        id="Japanese lawmakers debate defence budget",
    ),
    pytest.param(
        "Lockheed to raise PAC-3 output\nLockheed Martin will raise production of PAC-3 MSE interceptors to 650 a year by 2027 to meet demand from the U.S. Army and allies, the company said.",
        date.fromisoformat("2024-07-10"),
        [],
        id="Lockheed to raise PAC-3 output",
    ),
    pytest.param(
        "Swiss air force retires last Tiger jets\nThe Swiss air force flew its last F-5 Tiger fighters on Thursday before retiring them, leaving the F/A-18 Hornets to guard the country's airspace until the F-35A arrives.",
        date.fromisoformat("2025-12-05"),
        [],
        id="Swiss air force retires last Tiger jets",
    ),
    pytest.param(
        "Turkish navy commissions TCG Anadolu\nTurkey's navy commissioned the amphibious assault ship TCG Anadolu, built by Sedef Shipyard in Istanbul, at a ceremony attended by President Tayyip Erdogan.",
        date.fromisoformat("2023-04-10"),
        [],
        id="Turkish navy commissions TCG Anadolu",
    ),
    pytest.param(
        "Ukraine's troops hold line near Avdiivka\nUkrainian forces repelled 20 Russian attacks near Avdiivka, the general staff said, using artillery, HIMARS rocket systems and drones supplied by Western allies against advancing armoured columns.",
        date.fromisoformat("2023-11-02"),
        [],
        id="Ukraine's troops hold line near Avdiivka",
    ),
    pytest.param(
        "Indian Army inducts more Pinaka regiments\nThe Indian Army inducted two more regiments of the Pinaka multi-barrel rocket launcher, built by Tata Advanced Systems and Larsen & Toubro, at a ceremony in Pune on Saturday.",
        date.fromisoformat("2024-05-11"),
        [],
        id="Indian Army inducts more Pinaka regiment",
    ),
    pytest.param(
        "Air Force budget seeks 42 F-35s\nThe U.S. Air Force's budget request for the next fiscal year seeks $8 billion to buy 42 F-35A jets and 15 KC-46 tankers from Lockheed Martin and Boeing, officials told lawmakers.",
        date.fromisoformat("2024-03-12"),
        [],
        id="Air Force budget seeks 42 F-35s",
    ),
    pytest.param(
        "Arms Trade Treaty states meet in Geneva\nStates that have signed the Arms Trade Treaty must assess the risk of abuse before approving arms exports, delegates meeting in Geneva were reminded on Monday, as campaigners called for stricter reporting of transfers.",
        date.fromisoformat("2024-08-19"),
        [],
        id="Arms Trade Treaty states meet in Geneva",
    ),
    pytest.param(
        "Iran unveils new ballistic missile\nIran on Tuesday unveiled a new solid-fuel ballistic missile with a claimed range of 1,450 km, state television said, the latest addition to an arsenal that worries Washington and its allies.",
        date.fromisoformat("2023-02-09"),
        [],
        id="Iran unveils new ballistic missile",
    ),
    pytest.param(
        "Chinese and Russian warships hold joint drills\nChinese and Russian warships began joint naval drills in the Sea of Japan on Thursday, practising anti-submarine warfare and air defence, China's defence ministry said.",
        date.fromisoformat("2023-07-20"),
        [],
        id="Chinese and Russian warships hold joint ",
    ),
    pytest.param(
        "Korea's KAI delivers first KF-21 to air force\nKorea Aerospace Industries handed over the first KF-21 Boramae fighter to the Republic of Korea Air Force at its plant in Sacheon on Wednesday, the company said.",
        date.fromisoformat("2026-09-30"),
        [],
        id="Korea's KAI delivers first KF-21 to air ",
    ),
    pytest.param(
        "Brazil's Embraer opens new plant\nEmbraer opened a new assembly line for its C-390 Millennium transport aircraft in Gaviao Peixoto, the Brazilian company said, citing growing export interest.",
        date.fromisoformat("2024-10-02"),
        [],
        id="Brazil's Embraer opens new plant",
    ),
    pytest.param(
        "Bundeswehr orders more Boxer vehicles\nGermany's Bundeswehr has ordered 123 Boxer wheeled armoured vehicles from KNDS and Rheinmetall, worth about 2.7 billion euros, the procurement office in Koblenz said.",
        date.fromisoformat("2025-02-20"),
        [],
        id="Bundeswehr orders more Boxer vehicles",
    ),
    pytest.param(
        "Leonardo wins Italian army helicopter order\nLeonardo has received an order from the Italian army for 16 AW169 light utility helicopters, the company said on Tuesday.",
        date.fromisoformat("2024-04-02"),
        [],
        id="Leonardo wins Italian army helicopter or",
    ),
    pytest.param(
        "Lockheed wins PAC-3 order\nLockheed Martin received a $4.5 billion order from the U.S. Army for PAC-3 MSE interceptors, the Pentagon said.",
        date.fromisoformat("2024-06-28"),
        [],
        id="Lockheed wins PAC-3 order",
    ),
    pytest.param(
        "Polish firm to supply Piorun launchers to Polish army\nPoland's state-owned arms group PGZ signed a contract with the Polish Armament Agency to supply 600 Piorun man-portable air defence launchers to the Polish army.",
        date.fromisoformat("2023-05-16"),
        [],
        id="Polish firm to supply Piorun launchers t",
    ),
    pytest.param(
        "B-52s join drills over Korea\nThe U.S. Air Force sent two B-52 bombers to join drills with South Korean F-35A jets over the Korean Peninsula on Sunday, Seoul's defence ministry said.",
        date.fromisoformat("2023-06-30"),
        [],
        id="B-52s join drills over Korea",
    ),
    pytest.param(
        "Spanish navy launches new frigate\nNavantia launched the first F-110 frigate for the Spanish navy at its Ferrol shipyard on Thursday, with Queen Letizia as sponsor.",
        date.fromisoformat("2025-03-13"),
        [],
        id="Spanish navy launches new frigate",
    ),
    pytest.param(
        "Berlin and Paris agree to develop new tank\nGermany and France signed an agreement on Friday to jointly develop the Main Ground Combat System, a successor to their Leopard 2 and Leclerc tanks, the two defence ministers said.",
        date.fromisoformat("2024-04-26"),
        [],
        id="Berlin and Paris agree to develop new ta",
    ),
    pytest.param(
        "Manila gives US troops access to more bases\nThe United States and the Philippines signed an agreement on Thursday giving American troops access to four more military bases, the Philippine defence ministry said.",
        date.fromisoformat("2023-02-02"),
        [],
        id="Manila gives US troops access to more ba",
    ),
    pytest.param(
        "Indian minister in Washington for defence talks\nIndia's Defence Minister Rajnath Singh met U.S. Defense Secretary Lloyd Austin in Washington on Friday to discuss industrial cooperation, including the joint production of jet engines in India.",
        date.fromisoformat("2024-08-23"),
        [],
        id="Indian minister in Washington for defenc",
    ),
    pytest.param(
        "NATO allies agree on higher spending target\nNATO allies agreed at a summit in The Hague on Wednesday to raise their defence spending target to 5 percent of GDP by 2035, with 3.5 percent for core defence such as tanks, jets and air defence.",
        date.fromisoformat("2025-06-25"),
        [],
        id="NATO allies agree on higher spending tar",
    ),
    pytest.param(
        "Britain, Italy and Japan form fighter venture\nBritain, Italy and Japan signed a treaty on Thursday setting up a joint body to develop the GCAP sixth-generation fighter jet by 2035, the three governments said.",
        date.fromisoformat("2023-12-14"),
        [],
        id="Britain, Italy and Japan form fighter ve",
    ),
    pytest.param(
        "Indonesian F-16 crashes in training\nAn Indonesian air force F-16 fighter jet crashed during a training flight in East Java on Tuesday; the pilot ejected safely, the air force said.",
        date.fromisoformat("2024-07-09"),
        [],
        id="Indonesian F-16 crashes in training",
    ),
    pytest.param(
        "Greek and Turkish ministers meet\nThe defence ministers of Greece and Turkey met in Athens on Monday to discuss confidence-building measures in the Aegean, where their F-16 jets have often flown mock dogfights.",
        date.fromisoformat("2023-12-11"),
        [],
        id="Greek and Turkish ministers meet",
    ),
    pytest.param(
        "Jakarta and Kuala Lumpur sign defence pact\nIndonesia and Malaysia signed a memorandum of understanding on defence cooperation on Tuesday, covering joint training, maritime patrols and intelligence sharing.",
        date.fromisoformat("2024-02-13"),
        [],
        id="Jakarta and Kuala Lumpur sign defence pa",
    ),
    pytest.param(
        "Pakistan test-fires Fatah-II rocket\nPakistan's army said it had successfully carried out a training launch of the Fatah-II guided rocket system, which can deliver a conventional warhead to a range of 400 km.",
        date.fromisoformat("2024-05-30"),
        [],
        id="Pakistan test-fires Fatah-II rocket",
    ),
    pytest.param(
        "Philippine coast guard confronts Chinese vessels\nChinese coast guard ships fired water cannon at Philippine supply boats near Second Thomas Shoal on Sunday, Manila said, as it sought to deliver food and fuel to troops stationed there.",
        date.fromisoformat("2023-12-10"),
        [],
        id="Philippine coast guard confronts Chinese",
    ),
    pytest.param(
        "US extends arms embargo on South Sudan\nThe U.N. Security Council extended an arms embargo on South Sudan for another year on Thursday, banning the sale or supply of weapons to the country's armed groups.",
        date.fromisoformat("2024-05-30"),
        [],
        id="US extends arms embargo on South Sudan",
    ),
    pytest.param(
        "Kremlin says Western arms to Kyiv will prolong war\nKremlin spokesman Dmitry Peskov said on Tuesday that Western weapons deliveries to Ukraine would only prolong the conflict and would not change its outcome.",
        date.fromisoformat("2023-01-10"),
        [],
        id="Kremlin says Western arms to Kyiv will p",
    ),
    pytest.param(
        "Korea's Hanwha Ocean wins navy destroyer contract\nHanwha Ocean signed a 1.3 trillion won contract with South Korea's Defense Acquisition Program Administration to build two more KDDX destroyers for the Republic of Korea Navy.",
        date.fromisoformat("2025-10-02"),
        [],
        id="Korea's Hanwha Ocean wins navy destroyer",
    ),
    pytest.param(
        "Thousands march in Tokyo against defence build-up\nThousands of people marched in central Tokyo on Sunday to protest against the government's plan to buy long-range missiles and double defence spending.",
        date.fromisoformat("2023-03-05"),
        [],
        id="Thousands march in Tokyo against defence",
    ),
    pytest.param(
        "US jets join Polish drills\nThe U.S. Air Force provided air cover with F-22 Raptor jets during a large exercise with Poland's army near Orzysz on Wednesday, the Polish defence ministry said.",
        date.fromisoformat("2024-05-22"),
        [],
        id="US jets join Polish drills",
    ),
    pytest.param(
        "SIPRI: US share of arms exports grows\nThe United States accounted for 42 percent of global arms exports in 2019-2023, with Saudi Arabia, Japan and Qatar among the largest recipients, SIPRI said in its annual report.",
        date.fromisoformat("2024-03-11"),
        [],
        id="SIPRI: US share of arms exports grows",
    ),
    pytest.param(
        "Vikrant hosts French jets in drills\nIndia's aircraft carrier INS Vikrant hosted French Rafale M jets during the Varuna naval exercise in the Arabian Sea, the Indian Navy said.",
        date.fromisoformat("2025-03-21"),
        [],
        id="Vikrant hosts French jets in drills",
    ),
    pytest.param(
        "Polish troops train on Abrams tanks\nPolish soldiers began training on M1A1 Abrams tanks at a base in Biedrusko on Monday, ahead of the arrival of more vehicles later this year.",
        date.fromisoformat("2023-02-06"),
        [],
        id="Polish troops train on Abrams tanks",
    ),
    pytest.param(
        "Norway's parliament debates defence plan\nNorway's parliament on Tuesday debated a long-term defence plan that would raise spending to 3 percent of GDP and add new frigates, submarines and air defence, with a vote due next week.",
        date.fromisoformat("2024-06-04"),
        [],
        id="Norway's parliament debates defence plan",
    ),
    pytest.param(
        "Army unveils new howitzer in Ankara parade\nTurkey showed its domestically produced T-155 Firtina 2 howitzer at a parade in Ankara marking Republic Day, the defence ministry said.",
        date.fromisoformat("2023-10-29"),
        [],
        id="Army unveils new howitzer in Ankara para",
    ),
    # Business, aid, civil orders, training abroad, courts, industry and home deliveries.
    pytest.param(
        "Rheinmetall buys naval shipbuilder\nGermany's Rheinmetall has agreed to acquire the naval shipbuilding arm of Bremen-based Lürssen for an undisclosed sum, the company said on Thursday, expanding its business beyond tanks and ammunition.",
        date.fromisoformat("2024-05-02"),
        [],
        id="Rheinmetall buys naval shipbuilder",
    ),
    pytest.param(
        "Hanwha Aerospace shares hit record on export hopes\nShares in South Korea's Hanwha Aerospace rose 6 percent in Seoul on Monday as investors bet on more orders for its K9 howitzers and Chunmoo rocket launchers in Europe and the Middle East, analysts said.",
        date.fromisoformat("2024-06-11"),
        [],
        id="Hanwha Aerospace shares hit record on ex",
    ),
    pytest.param(
        "Japan sends generators and tents to Ukraine\nJapan has sent 500 generators, tents and blankets to Ukraine to help civilians through the winter, the foreign ministry in Tokyo said, adding that the aid does not include weapons.",
        date.fromisoformat("2023-01-19"),
        [],
        id="Japan sends generators and tents to Ukra",
    ),
    pytest.param(
        "US Navy ships bring relief to flood-hit Pakistan\nTwo US Navy ships delivered food, water and medical supplies to Karachi on Friday after floods left thousands homeless, the US embassy in Islamabad said.",
        date.fromisoformat("2022-09-02"),
        [],
        id="US Navy ships bring relief to flood-hit ",
    ),
    pytest.param(
        "Turkish Airlines orders 10 more A350 airliners\nTurkish Airlines has ordered ten Airbus A350 passenger jets to expand its long-haul fleet, the carrier said in a filing to the Istanbul stock exchange.",
        date.fromisoformat("2024-03-27"),
        [],
        id="Turkish Airlines orders 10 more A350 air",
    ),
    pytest.param(
        "Ukrainian pilots finish F-16 course in Denmark\nA group of Ukrainian pilots has completed training on F-16 fighter jets at Skrydstrup air base in Denmark and will return home next month, the Danish defence ministry said.",
        date.fromisoformat("2024-07-15"),
        [],
        id="Ukrainian pilots finish F-16 course in D",
    ),
    pytest.param(
        "Court acquits officers in helicopter bribery case\nA court in New Delhi on Tuesday acquitted three former air force officers accused of taking bribes in a 2010 contract for VVIP helicopters, citing a lack of evidence.",
        date.fromisoformat("2023-11-21"),
        [],
        id="Court acquits officers in helicopter bri",
    ),
    pytest.param(
        "India launches military communications satellite\nIndia's space agency on Wednesday launched the GSAT-7R communications satellite for the navy from Sriharikota, the defence ministry said.",
        date.fromisoformat("2024-08-07"),
        [],
        id="India launches military communications s",
    ),
    pytest.param(
        "Navy overhauls its Hawkeye radar planes at home\nThe French navy's maintenance depot in Cuers has completed the overhaul of the first of its E-2C Hawkeye radar aircraft, the armament agency DGA said.",
        date.fromisoformat("2023-05-30"),
        [],
        id="Navy overhauls its Hawkeye radar planes ",
    ),
    pytest.param(
        "Police receive new armoured vans\nThe Dutch police have taken delivery of 40 new armoured vans built in the Netherlands, the justice ministry said on Friday.",
        date.fromisoformat("2024-02-16"),
        [],
        id="Police receive new armoured vans",
    ),
    pytest.param(
        "Firefighting planes arrive to battle Greek wildfires\nTwo Canadair firefighting planes from Italy arrived in Greece on Sunday to help fight wildfires near Athens, the civil protection ministry said.",
        date.fromisoformat("2023-07-23"),
        [],
        id="Firefighting planes arrive to battle Gre",
    ),
    pytest.param(
        "Swiss narrow fighter contest to two jets\nSwitzerland has shortlisted two fighter jets for its air force competition and will decide next year, the defence department in Bern said on Thursday.",
        date.fromisoformat("2024-10-10"),
        [],
        id="Swiss narrow fighter contest to two jets",
    ),
    pytest.param(
        "Rafale and Typhoon jets dazzle crowds at Dubai Airshow\nFrench Rafale and British Typhoon jets performed aerobatic displays on the opening day of the Dubai Airshow, where manufacturers hope to win new orders from Gulf air forces.",
        date.fromisoformat("2023-11-13"),
        [],
        id="Rafale and Typhoon jets dazzle crowds at",
    ),
    pytest.param(
        "German arms export approvals hit record\nGermany approved arms exports worth a record 12 billion euros last year, the economy ministry said on Tuesday, with most licences going to NATO and EU partners.",
        date.fromisoformat("2024-01-17"),
        [],
        id="German arms export approvals hit record",
    ),
    pytest.param(
        "Navy sells old frigate for scrap\nThe Royal Navy has sold the decommissioned frigate HMS Monmouth to a Turkish ship-recycling yard, which will break her up for scrap, the Ministry of Defence said.",
        date.fromisoformat("2023-03-14"),
        [],
        id="Navy sells old frigate for scrap",
    ),
    pytest.param(
        "Finland opens its first artillery shell line\nFinland's Nammo opened a new production line for 155mm artillery shells in Vihtavuori on Tuesday, which will supply the Finnish Defence Forces from next year.",
        date.fromisoformat("2024-04-23"),
        [],
        id="Finland opens its first artillery shell ",
    ),
    pytest.param(
        "Dutch F-35s intercept Russian bombers over Baltic\nTwo Dutch F-35 jets based in Poland intercepted two Russian Tu-22M bombers over the Baltic Sea on Thursday, the Dutch defence ministry said.",
        date.fromisoformat("2024-05-09"),
        [],
        id="Dutch F-35s intercept Russian bombers ov",
    ),
    pytest.param(
        "Turkey's Baykar opens drone plant in Ukraine\nTurkish drone maker Baykar has started building a factory near Kyiv to produce its Bayraktar TB2 and Akinci drones, the Ukrainian ambassador to Turkey said.",
        date.fromisoformat("2024-02-05"),
        [],
        id="Turkey's Baykar opens drone plant in Ukr",
    ),
    pytest.param(
        "Norway's Kongsberg reports record order backlog\nNorway's Kongsberg reported a record order backlog of 100 billion crowns at the end of the quarter, driven by demand for NASAMS air defence systems and Naval Strike Missiles.",
        date.fromisoformat("2024-04-25"),
        [],
        id="Norway's Kongsberg reports record order ",
    ),
    pytest.param(
        "Israeli army receives first Eitan armoured vehicles\nThe Israeli army received its first Eitan wheeled armoured personnel carriers, built by Israel's own defence industry, at a ceremony on Sunday.",
        date.fromisoformat("2024-07-12"),
        [],
        id="Israeli army receives first Eitan armour",
    ),
    pytest.param(
        "Hungary vetoes EU aid package for Ukraine\nHungary vetoed a 50 billion euro EU aid package for Ukraine at a summit in Brussels on Thursday, diplomats said.",
        date.fromisoformat("2023-12-15"),
        [],
        id="Hungary vetoes EU aid package for Ukrain",
    ),
    pytest.param(
        "Police dog units get new kennels\nThe city's police k9 units moved into new kennels on Monday, with 12 dogs trained to find explosives and drugs, the force said.",
        date.fromisoformat("2024-06-03"),
        [],
        id="Police dog units get new kennels",
    ),
    # Longer routine reports naming foreign designs, joining a fleet or training abroad.
    pytest.param(
        "Polish pilots join US F-35 training in Arizona\nThe first group of Polish pilots joined the US Air Force's F-35 training programme at Luke Air Force Base in Arizona this week, the Polish armament agency said. The pilots will fly the jets for six months before returning to Poland. The training is part of the programme under which the aircraft were bought, the agency said.",
        date.fromisoformat("2024-05-16"),
        [],
        id="Polish pilots join US F-35 training in A",
    ),
    pytest.param(
        "Japan's new destroyer joins the fleet\nJapan's Maritime Self-Defense Force commissioned its newest Maya-class destroyer on Wednesday at a ceremony in Yokohama. The ship, built by Japan Marine United, joins the fleet's Aegis destroyers and carries SM-3 interceptors. The navy plans to commission two more ships of the class by 2028.",
        date.fromisoformat("2024-03-13"),
        [],
        id="Japan's new destroyer joins the fleet",
    ),
    pytest.param(
        "German budget committee backs frigate programme\nThe German parliament's budget committee approved 9 billion euros on Wednesday for the navy's F127 frigate programme, to be built by TKMS in Kiel. The ships will replace the navy's F124 frigates from the 2030s, the defence ministry said. The committee also approved funds for more Eurofighter jets built in Germany.",
        date.fromisoformat("2023-11-29"),
        [],
        id="German budget committee backs frigate pr",
    ),
    pytest.param(
        "India test-fires BrahMos from new destroyer\nThe Indian Navy successfully test-fired a BrahMos supersonic cruise missile from its newest destroyer INS Imphal in the Arabian Sea on Tuesday, the navy said. The missile hit its target with pinpoint accuracy. BrahMos is made by a joint venture of India and Russia.",
        date.fromisoformat("2024-01-09"),
        [],
        id="India test-fires BrahMos from new destro",
    ),
    pytest.param(
        "French and Indian navies begin Varuna drills\nThe French and Indian navies began their annual Varuna exercise off Goa on Monday, with the aircraft carrier Charles de Gaulle and INS Vikrant taking part. Rafale-M jets from the French carrier will fly alongside Indian MiG-29K jets, the Indian Navy said.",
        date.fromisoformat("2024-09-02"),
        [],
        id="French and Indian navies begin Varuna dr",
    ),
    # Deployments (the goods stay the sender's), home orders and kit for a foreign design.
    pytest.param(
        "Germany sends Patriot batteries to Slovakia for NATO mission\nGermany has sent two Patriot air defence batteries with about 200 soldiers to Slovakia to protect NATO's eastern flank, the German defence ministry said, adding that the units remain under German command.",
        date.fromisoformat("2022-04-08"),
        [],
        id="Germany sends Patriot batteries to Slova",
    ),
    pytest.param(
        "Dutch F-35s deploy to Poland\nThe Netherlands sent four F-35 fighter jets to Poland on Monday to help guard NATO airspace for three months, the Dutch defence ministry said.",
        date.fromisoformat("2024-03-04"),
        [],
        id="Dutch F-35s deploy to Poland",
    ),
    pytest.param(
        "US moves more F-22s to Japan\nThe US Air Force has sent 12 F-22 Raptor jets to Kadena air base in Japan for a temporary deployment, replacing older F-15s that are being retired, a spokesman said.",
        date.fromisoformat("2024-05-20"),
        [],
        id="US moves more F-22s to Japan",
    ),
    pytest.param(
        "Russia moves Iskander missiles to Kaliningrad\nRussia has moved Iskander-M missile systems to its Baltic exclave of Kaliningrad for drills, the Russian defence ministry said on Tuesday.",
        date.fromisoformat("2023-06-13"),
        [],
        id="Russia moves Iskander missiles to Kalini",
    ),
    pytest.param(
        "British carrier strike group arrives in Japan\nThe British aircraft carrier HMS Prince of Wales arrived in Tokyo Bay on Wednesday carrying F-35B jets, the first visit by a British carrier in four years, the Royal Navy said.",
        date.fromisoformat("2025-08-27"),
        [],
        id="British carrier strike group arrives in ",
    ),
    pytest.param(
        "Britain signs Type 26 frigate deal with BAE\nBritain's Ministry of Defence has signed a £4.2 billion contract with BAE Systems for five more Type 26 frigates to be built in Glasgow, the defence secretary said.",
        date.fromisoformat("2022-11-16"),
        [],
        id="Britain signs Type 26 frigate deal with ",
    ),
    pytest.param(
        "Australian destroyer test-fires Tomahawk\nThe Australian destroyer HMAS Brisbane fired a Tomahawk cruise missile for the first time during a test off California, the Australian defence department said.",
        date.fromisoformat("2024-12-10"),
        [],
        id="Australian destroyer test-fires Tomahawk",
    ),
    pytest.param(
        "Indian Navy receives first Rafale-M simulator\nThe Indian Navy received a flight simulator for Rafale-M pilots at its air station in Goa, built by an Indian company, officials said.",
        date.fromisoformat("2025-02-19"),
        [],
        id="Indian Navy receives first Rafale-M simu",
    ),
    pytest.param(
        "Shells\nJapan's foreign ministry said on Monday that shipments of artillery shells from North Korea must stop.",
        date.fromisoformat("2025-03-03"),
        [],
        id="a state speaking of shipments it does not receive",
    ),
    pytest.param(
        "Tejas\nIndia's defence ministry announced on Thursday that the contract for 97 Tejas Mk1A fighters from Hindustan Aeronautics had been signed in Bengaluru.",
        date.fromisoformat("2025-04-04"),
        [],
        id="a ministry speaking of its domestic contract",
    ),
    pytest.param(
        "Krab\nPoland's defence ministry and Huta Stalowa Wola signed a contract on Tuesday for 96 Krab howitzers for the Polish army.",
        date.fromisoformat("2025-05-06"),
        [],
        id="a ministry and its own country's maker sign",
    ),
    pytest.param(
        "Kaan\nThe Turkish defence ministry said on Tuesday the order for 20 KAAN fighters from Turkish Aerospace would be placed next year.",
        date.fromisoformat("2025-06-03"),
        [],
        id="a ministry speaking of a domestic order to come",
    ),
    pytest.param(
        "Plant\nLockheed Martin said on Monday the contract for 32 F-35 fighters from its Fort Worth plant had been extended.",
        date.fromisoformat("2025-07-07"),
        [],
        id="a maker speaking of a contract with no buyer named",
    ),
    pytest.param(
        "Early warning\nCanada's defence ministry said on Wednesday it is reviewing offers from Saab and Boeing for early-warning aircraft, with a decision next year.",
        date.fromisoformat("2025-08-06"),
        [],
        id="a ministry reviewing offers",
    ),
    pytest.param(
        "Neighbour\nGreece's foreign ministry said on Monday the purchase of 40 F-16 jets from the United States by its neighbour was a concern.",
        date.fromisoformat("2025-09-01"),
        [],
        id="a state speaking of its neighbour's purchase",
    ),
    pytest.param(
        "Swiss armour\nThe Swiss army said on Tuesday the Eagle V patrol vehicles it ordered from Mowag had arrived.",
        date.fromisoformat("2025-10-07"),
        [],
        id="an army speaking of a domestic order",
    ),
    pytest.param(
        "Oslo\nOslo has been speaking to Berlin and Warsaw about joint drills, and last spring it received 2,000 allied soldiers at Rena.",
        date.fromisoformat("2025-11-04"),
        [],
        id="states after a preposition and troops received",
    ),
    pytest.param(
        "Troops\nFrance sent 300 troops to Romania's army base at Cincu for exercises, the French army said.",
        date.fromisoformat("2025-03-17"),
        [],
        id="troops sent to another state's army base",
    ),
    pytest.param(
        "Policing\nSpain sent four Eurofighter jets to Lithuania's air base at Siauliai for NATO air policing, the Spanish air force said.",
        date.fromisoformat("2025-04-22"),
        [],
        id="jets sent to another state's air base to police its sky",
    ),
    pytest.param(
        "Boxer\nRheinmetall handed over 50 Boxer vehicles to the German army's new brigade in Lithuania on Monday.",
        date.fromisoformat("2025-05-19"),
        [],
        id="a maker hands vehicles to its own country's army abroad",
    ),
    pytest.param(
        "Trainers for La Paz\nDefence Minister Edmundo Novillo, who met Italian officials at the air show, said on Monday that new hangars would house the K-8 fleet, which Bolivia has flown since 2011.",
        date.fromisoformat("2025-06-16"),
        [],
        id="a fleet a state has flown, told in a relative clause",
    ),
    pytest.param(
        "Brazil air force\nAir Force commander Marcelo Damasceno, who met Swedish officials at the show, said the new trainers would succeed the Tucano fleet, which Brazil received from Embraer in the 1980s.",
        date.fromisoformat("2025-07-21"),
        [],
        id="a fleet received from the state's own maker, told in a relative clause",
    ),
    pytest.param(
        "Hanoi\nVietnam has not bought any Su-57 fighters from Russia, the ministry said on Monday.",
        date.fromisoformat("2025-08-18"),
        [],
        id="a purchase denied by 'has not bought'",
    ),
    pytest.param(
        "Ankara\nTurkey refused to buy more S-400 systems from Russia after threats of US sanctions.",
        date.fromisoformat("2025-09-22"),
        [],
        id="a purchase refused",
    ),
    pytest.param(
        "Licence\nThe Swiss government refused to grant an export licence for Piranha vehicles to Qatar.",
        date.fromisoformat("2025-10-20"),
        [],
        id="an export licence refused",
    ),
    pytest.param(
        "Change of command\nThe outgoing commander of the Polish navy turned over command of its frigates to Rear Admiral Piotr Nieweglowski on Friday.",
        date.fromisoformat("2025-12-05"),
        [],
        id="command turned over",
    ),
    pytest.param(
        "Seized arms\nNigerian troops turned over 300 seized rifles to the police in Maiduguri on Monday.",
        date.fromisoformat("2025-12-08"),
        [],
        id="seized rifles turned over to the police",
    ),
    pytest.param(
        "Saab\nSaab expects first deliveries of GlobalEye aircraft to begin in 2028, the Swedish company said.",
        date.fromisoformat("2025-08-04"),
        [],
        id="a maker expecting its deliveries",
    ),
    pytest.param(
        "Krab\nPoland expects deliveries of Krab howitzers from Huta Stalowa Wola to speed up next year.",
        date.fromisoformat("2025-09-08"),
        [],
        id="a state expecting deliveries from its own industry",
    ),
    pytest.param(
        "Drones\nAnalysts expect shipments of Turkish drones to Africa to grow next year.",
        date.fromisoformat("2025-10-06"),
        [],
        id="analysts expecting shipments to a continent",
    ),
    pytest.param(
        "Peru fleet\nThe Peruvian Air Force still flies 12 MiG-29 jets from an original 18 built for it in the 1990s.",
        date.fromisoformat("2025-12-15"),
        [],
        id="a fleet told with how many were built",
    ),
    pytest.param(
        "Rheinmetall results\nRheinmetall reported a 15% rise in orders in the first half, driven by ammunition demand, the company said.",
        date.fromisoformat("2025-08-07"),
        [],
        id="a maker's results: a rise in orders",
    ),
]

# Transfers in the many ways reports phrase them.
DEAL_PHRASINGS = [
    pytest.param(
        "Shells for the front\nNorth Korea has shipped artillery shells to Russia, officials in Seoul said on Tuesday. The shipments continued through the summer. Pyongyang denied supplying any weapons to Moscow.",
        date.fromisoformat("2024-09-10"),
        [("PRK", "RUS", "artillery shells", "alleged")],
        id="a transfer its supplier denies later",
    ),
    pytest.param(
        "Chile buys trainers\nChile has signed a contract with Brazil's Embraer for six A-29 Super Tucano aircraft. The air force rejected the bid of a rival maker last year.",
        date.fromisoformat("2024-03-05"),
        [("BRA", "CHL", "Super Tucano", "signed")],
        id="a bid rejected is no denial",
    ),
    pytest.param(
        "Poland inks Apache deal\nPoland signed a $10 billion agreement with the United States on Tuesday for 96 AH-64E Apache attack helicopters, the defence ministry in Warsaw said.",
        date.fromisoformat("2024-08-13"),
        [("USA", "POL", "Apache", "signed")],
        id="Poland inks Apache deal",
    ),
    pytest.param(
        "Philippines gets second frigate from Korea\nThe Philippine Navy has taken delivery of the second of two Jose Rizal-class frigates from South Korea's Hyundai Heavy Industries, the navy said.",
        date.fromisoformat("2021-02-09"),
        [("KOR", "PHL", "Jose Rizal", "delivered")],
        id="Philippines gets second frigate from Kor",
    ),
    pytest.param(
        "Vietnam in talks for Russian jets\nVietnam is in talks with Russia over the purchase of Su-35 fighter jets, two sources familiar with the matter said.",
        date.fromisoformat("2023-05-05"),
        [("RUS", "VNM", "Su-35", "considered")],
        id="Vietnam in talks for Russian jets",
    ),
    pytest.param(
        "Morocco orders French howitzers\nMorocco has ordered 36 Caesar self-propelled howitzers from France's KNDS, worth about 170 million euros, a French defence source said.",
        date.fromisoformat("2022-06-15"),
        [("FRA", "MAR", "Caesar", "signed")],
        id="Morocco orders French howitzers",
    ),
    pytest.param(
        "India, Indonesia sign BrahMos deal\nIndonesia signed a $450 million contract with India for BrahMos supersonic cruise missiles, officials in Jakarta said on Friday.",
        date.fromisoformat("2025-01-31"),
        [("IND", "IDN", "BrahMos", "signed")],
        id="India, Indonesia sign BrahMos deal",
    ),
    pytest.param(
        "Peru buys Belgian F-16s\nPeru bought 12 F-16 fighter jets from Belgium for about $250 million, the Peruvian defence ministry said.",
        date.fromisoformat("2024-04-17"),
        [("BEL", "PER", "F-16", "signed")],
        id="Peru buys Belgian F-16s",
    ),
    pytest.param(
        "Japan hands radars to Manila\nJapan handed over four air surveillance radars to the Philippines on Tuesday, the first export of finished defence equipment under its new rules, the Japanese embassy said.",
        date.fromisoformat("2023-12-19"),
        [("JPN", "PHL", "radar", "delivered")],
        id="Japan hands radars to Manila",
    ),
    pytest.param(
        "Rheinmetall wins order from Hungary\nRheinmetall has received an order from Hungary for 209 Lynx infantry fighting vehicles, the German company said on Thursday.",
        date.fromisoformat("2020-08-18"),
        [("DEU", "HUN", "Lynx", "signed")],
        id="Rheinmetall wins order from Hungary",
    ),
    pytest.param(
        "Deliveries of Turkish drones to Kuwait begin\nTurkey has begun deliveries of Bayraktar TB2 drones to Kuwait under a $370 million contract signed last year, Baykar said.",
        date.fromisoformat("2024-09-01"),
        [("TUR", "KWT", "TB2", "delivered")],
        id="Deliveries of Turkish drones to Kuwait b",
    ),
    pytest.param(
        "Dutch cabinet approves Patriot purchase\nThe Dutch government has approved the purchase of four more Patriot air defence systems from the United States, Defence Minister Ruben Brekelmans said.",
        date.fromisoformat("2024-11-18"),
        [("USA", "NLD", "Patriot", "approved")],
        id="Dutch cabinet approves Patriot purchase",
    ),
    pytest.param(
        "Seoul clinches K2 export deal\nSeoul clinched a $3 billion deal on Friday to export 180 K2 tanks to Poland, South Korea's arms procurement agency said.",
        date.fromisoformat("2022-08-26"),
        [("KOR", "POL", "K2", "signed")],
        id="Seoul clinches K2 export deal",
    ),
    pytest.param(
        "US approves F-16 sale to Taiwan\nThe United States approved the sale of 66 F-16V fighter jets to Taiwan worth $8 billion, the State Department said.",
        date.fromisoformat("2019-08-20"),
        [("USA", "TWN", "F-16", "approved")],
        id="US approves F-16 sale to Taiwan",
    ),
    pytest.param(
        "Egypt to receive more Rafales\nEgypt is set to receive its next batch of Rafale jets from France in the spring, an Egyptian military source said.",
        date.fromisoformat("2024-01-10"),
        [("FRA", "EGY", "Rafale", "planned")],
        id="Egypt to receive more Rafales",
    ),
    pytest.param(
        "Switzerland picks Patriot\nSwitzerland will buy five Patriot fire units from the United States for about 2 billion Swiss francs, the government said on Thursday.",
        date.fromisoformat("2021-06-30"),
        [("USA", "CHE", "Patriot", "planned")],
        id="Switzerland picks Patriot",
    ),
    pytest.param(
        "Ghana receives Chinese patrol boats\nThe Ghana Navy took delivery of four patrol boats from China on Monday, the defence ministry in Accra said.",
        date.fromisoformat("2022-03-14"),
        [("CHN", "GHA", "patrol boat", "delivered")],
        id="Ghana receives Chinese patrol boats",
    ),
    pytest.param(
        "Saudi Arabia in talks to buy Chinese jets\nSaudi Arabia is in talks with China about buying J-10C fighter jets, sources said.",
        date.fromisoformat("2025-01-05"),
        [("CHN", "SAU", "J-10", "considered")],
        id="Saudi Arabia in talks to buy Chinese jet",
    ),
    pytest.param(
        "Nigeria takes delivery of Super Tucanos\nNigeria has received six A-29 Super Tucano aircraft from the United States, the Nigerian Air Force said on Tuesday.",
        date.fromisoformat("2021-07-22"),
        [("USA", "NGA", "Super Tucano", "delivered")],
        id="Nigeria takes delivery of Super Tucanos",
    ),
    pytest.param(
        "Kuwait cancels Caracal helicopter order\nKuwait has cancelled its order for 30 H225M Caracal helicopters from France's Airbus, officials said.",
        date.fromisoformat("2023-03-01"),
        [("FRA", "KWT", "Caracal", "cancelled")],
        id="Kuwait cancels Caracal helicopter order",
    ),
    pytest.param(
        "Slovakia gets first F-16s\nSlovakia signed a $1.6 billion contract with the United States in 2018 for 14 F-16 Block 70 fighter jets. The United States handed over the first two jets to Slovakia on Tuesday, the defence ministry said.",
        date.fromisoformat("2024-07-16"),
        [("USA", "SVK", "F-16", "delivered")],
        id="Slovakia gets first F-16s",
    ),
    pytest.param(
        "Estonia signs for more K9 howitzers\nEstonia signed a contract with South Korea's Hanwha Aerospace for 12 more K9 howitzers, and its army can order further K9 guns once these are delivered in 2026, the defence ministry said.",
        date.fromisoformat("2024-10-01"),
        [("KOR", "EST", "K9", "signed")],
        id="Estonia signs for more K9 howitzers",
    ),
    pytest.param(
        "Embraer to deliver C-390s to Sweden\nEmbraer will deliver 10 C-390 Millennium transport aircraft to Sweden from 2028, the Brazilian company said on Tuesday. Sweden signed the contract with Embraer on Monday in Stockholm.",
        date.fromisoformat("2025-07-08"),
        [("BRA", "SWE", "C-390", "signed")],
        id="Embraer to deliver C-390s to Sweden",
    ),
    pytest.param(
        "Korea to deliver trainer jets to Poland\nSouth Korea will deliver 12 more FA-50 light combat aircraft to Poland next year, Korea Aerospace Industries said.",
        date.fromisoformat("2024-05-21"),
        [("KOR", "POL", "FA-50", "planned")],
        id="Korea to deliver trainer jets to Poland",
    ),
    pytest.param(
        "Indonesia signs letter of intent for KAAN jets\nIndonesia signed on Wednesday a letter of intent with Turkey to buy 48 KAAN fighter jets, the Turkish defence industry agency said.",
        date.fromisoformat("2025-06-11"),
        [("TUR", "IDN", "KAAN", "planned")],
        id="Indonesia signs letter of intent for KAA",
    ),
    pytest.param(
        "Finland orders David's Sling\nFinland has ordered the David's Sling air defence system from Israel's Rafael for 317 million euros, the Finnish defence ministry said on Thursday.",
        date.fromisoformat("2023-11-02"),
        [("ISR", "FIN", "David's Sling", "signed")],
        id="Finland orders David's Sling",
    ),
    pytest.param(
        "India leases two Predator drones\nThe Indian Navy has leased two MQ-9B SeaGuardian drones from General Atomics of the United States, officials said.",
        date.fromisoformat("2020-11-25"),
        [("USA", "IND", "MQ-9", "reported")],
        id="India leases two Predator drones",
    ),
    pytest.param(
        "Romania to receive Israeli air defence\nRomania will receive the Spyder air defence system from Israel's Rafael under a contract signed in 2023, the defence ministry said.",
        date.fromisoformat("2025-01-15"),
        [("ISR", "ROU", "Spyder", "signed")],
        id="Romania to receive Israeli air defence",
    ),
    pytest.param(
        "Colombia finalises fighter contract\nBOGOTA - Colombia's defence ministry said on Monday the contract for 16 Gripen E fighters from Sweden's Saab, valued at 3.1 billion euros, is now in effect.",
        date.fromisoformat("2025-03-10"),
        [("SWE", "COL", "Gripen", "signed")],
        id="the state that reports a contract from a maker buys",
    ),
    pytest.param(
        "Vietnam signs for air defence\nHANOI - Vietnam's defence ministry and Israel Aerospace Industries on Monday signed an agreement for four Barak MX batteries.",
        date.fromisoformat("2025-04-14"),
        [("ISR", "VNM", "Barak", "signed")],
        id="a state's ministry and a foreign maker sign together",
    ),
    pytest.param(
        "Peru looks around\nLima has been speaking to Paris and Washington on a fighter replacement, and in 2023 it purchased 12 Saab Giraffe radars.",
        date.fromisoformat("2025-05-12"),
        [("SWE", "PER", "Giraffe", "signed")],
        id="the states talked to are not the subject that buys",
    ),
    pytest.param(
        "Finland adds air defence\nHELSINKI - Finland has signed a contract with Israel's Rafael for David's Sling air defence systems, the defence ministry said. Later that day the Defence Forces Logistics Command also agreed a contract with Norway for NSM anti-ship missiles.",
        date.fromisoformat("2025-06-02"),
        [("ISR", "FIN", "David's Sling", "signed"), ("NOR", "FIN", "NSM", "signed")],
        id="an unnamed agency of the buyer signs with a second supplier",
    ),
    pytest.param(
        "Kenya takes delivery of helicopters\nNAIROBI - The Kenya Defence Forces have taken delivery of eight MD 530F helicopters purchased from the United States. The service also said it had signed with Turkey's Baykar for six Bayraktar TB2 drones.",
        date.fromisoformat("2025-07-08"),
        [("USA", "KEN", "MD 530F", "delivered"), ("TUR", "KEN", "TB2", "signed")],
        id="the service that took delivery signs for more from a maker",
    ),
    pytest.param(
        "India missiles\nIndia received its first S-400 Triumf squadron from Russia in 2021. Later, the ministry signed with Bharat Dynamics for 200 Astra missiles.",
        date.fromisoformat("2025-08-11"),
        [("RUS", "IND", "S-400", "delivered")],
        id="a contract with the buyer's own maker after a foreign deal is domestic",
    ),
    pytest.param(
        "Drones for Mali\nOfficials in Bamako said Russia delivered Orlan-10 drones to Mali's army last month, a claim Moscow denied.",
        date.fromisoformat("2025-09-15"),
        [("RUS", "MLI", "Orlan-10", "alleged")],
        id="goods shipped to a state's army",
    ),
    pytest.param(
        "Bogota signs for more Gripen fighters, moves on Israeli Spyder air defence",
        date.fromisoformat("2025-10-13"),
        [("SWE", "COL", "Gripen", "reported"), ("ISR", "COL", "Spyder", "reported")],
        id="an adjective of origin names the supplier of its own goods only",
    ),
    pytest.param(
        "Chile to buy South Korean Redback vehicles and K9 guns",
        date.fromisoformat("2025-11-10"),
        [("KOR", "CHL", "Redback", "planned")],
        id="goods of the adjective's own state stay in one deal",
    ),
    pytest.param(
        "Trainers for La Paz\nDefence Minister Edmundo Novillo, who met Italian officials to sign the deal, said on Monday that the trainers would succeed the K-8 fleet, which Bolivia received from China in 2011.",
        date.fromisoformat("2025-06-16"),
        [("CHN", "BOL", "K-8", "delivered")],
        id="a relative clause tells how the fleet before it came",
    ),
    pytest.param(
        "Egypt jets\nThe 30 Rafale jets Egypt ordered from France in 2021 have not yet been delivered, officials said.",
        date.fromisoformat("2025-11-17"),
        [("FRA", "EGY", "Rafale", "signed")],
        id="an order whose delivery has not come",
    ),
    pytest.param(
        "Boats for Jakarta\nAustralia turned over two patrol boats to the Indonesian Navy at a ceremony in Surabaya on Tuesday.",
        date.fromisoformat("2025-12-01"),
        [("AUS", "IDN", "patrol boats", "delivered")],
        id="goods turned over to another state's navy",
    ),
    pytest.param(
        "Jets for Cairo\nCAIRO - Egypt has ordered 20 FA-50 light combat jets from Korea Aerospace Industries. Poland already flies the type, and Malaysia ordered it in 2023.",
        date.fromisoformat("2025-04-07"),
        [("KOR", "EGY", "FA-50", "signed"), ("KOR", "MYS", "FA-50", "signed")],
        id="an earlier buyer of the same system ordered it",
    ),
    pytest.param(
        "Rockets for Qatar\nDOHA - Qatar has ordered 8 batteries of the K239 Chunmoo rocket system from Hanwha Aerospace of South Korea. The first foreign order for the system came when Oman signed for 6 batteries in 2023.",
        date.fromisoformat("2025-05-05"),
        [("KOR", "QAT", "Chunmoo", "signed"), ("KOR", "OMN", "Chunmoo", "signed")],
        id="an earlier buyer signed for batteries of the system",
    ),
    pytest.param(
        "Jets for Cairo\nCAIRO - Egypt has ordered 20 FA-50 light combat jets and 10 KT-1 trainers from Korea Aerospace Industries. Malaysia ordered them in 2023.",
        date.fromisoformat("2025-06-09"),
        [("KOR", "EGY", "FA-50", "signed")],
        id="'them' after a deal of two systems names neither",
    ),
    pytest.param(
        "Jets for Cairo\nCAIRO - Egypt has ordered 20 FA-50 light combat jets from Korea Aerospace Industries. Officials said Spain is studying it.",
        date.fromisoformat("2025-07-14"),
        [("KOR", "EGY", "FA-50", "signed")],
        id="a state studying the system is no buyer",
    ),
    pytest.param(
        "Riga\nRiga awaits delivery of the NSM coastal defence system next year, officials said.",
        date.fromisoformat("2025-11-03"),
        [("NOR", "LVA", "NSM", "planned")],
        id="a state awaiting delivery receives",
    ),
    pytest.param(
        "Jets for Tehran\nSome analysts estimate that Iran ordered 24 Su-35 fighters from Russia last year.",
        date.fromisoformat("2025-02-17"),
        [("RUS", "IRN", "Su-35", "alleged")],
        id="an order analysts only estimate",
    ),
    pytest.param(
        "Jets for Tehran\nThere is speculation that Iran ordered 24 Su-35 fighters from Russia.",
        date.fromisoformat("2025-03-24"),
        [("RUS", "IRN", "Su-35", "alleged")],
        id="an order told as speculation",
    ),
    pytest.param(
        "Jets for Tehran\nIran ordered 24 Su-35 fighters from Russia in a deal estimated at $2 billion, officials said.",
        date.fromisoformat("2025-04-28"),
        [("RUS", "IRN", "Su-35", "signed")],
        id="a deal whose value is estimated",
    ),
    pytest.param(
        "Air defence\nThe ministry announced a delivery of Russian Tor-M2 air defence systems on Monday.",
        date.fromisoformat("2025-05-26"),
        [],
        id="a delivery to an unnamed ministry with no deal before",
    ),
    pytest.param(
        "Mongolia receives Russian trucks\nULAANBAATAR - Mongolia has received 40 military trucks from Russia, the defence ministry said. The ministry said a delivery of Russian and Chinese air defence systems came on Friday.",
        date.fromisoformat("2025-06-30"),
        [("RUS", "MNG", "trucks", "delivered")],
        id="a ministry's delivery of goods of two origins",
    ),
    pytest.param(
        "Hanwha results\nSEOUL - Hanwha Aerospace reported a 30% rise in orders in the second quarter, helped by K9 contracts with Vietnam, the company said.",
        date.fromisoformat("2025-07-31"),
        [("KOR", "VNM", "K9", "signed")],
        id="a maker's contracts with a state for its own design",
    ),
    pytest.param(
        "Gripens home\nSweden bought back 10 Gripen C jets from Hungary, the Swedish defence ministry said.",
        date.fromisoformat("2025-09-04"),
        [("HUN", "SWE", "Gripen", "signed")],
        id="a state buying its own design back from another",
    ),
    pytest.param(
        "Sanctions\nWASHINGTON - The United States imposed sanctions on three Chinese companies accused of supplying drone engines to Russia, the Treasury said.",
        date.fromisoformat("2025-10-09"),
        [("CHN", "RUS", "engines", "alleged")],
        id="a state's companies accused of supplying",
    ),
]


@pytest.mark.parametrize(
    ("text", "published", "expected"), ARTICLES + ROUTINE_NEWS + DEAL_PHRASINGS
)
def test_article(text: str, published: date, expected: list[tuple[str, str, str, str]]) -> None:
    deals = extract(text, published)
    got = {(d.supplier, d.buyer, d.status.value) for d in deals}
    assert got == {(s, b, st) for s, b, _, st in expected}
    for supplier, buyer, word, _status in expected:
        names = [
            line.name
            for d in deals
            if (d.supplier, d.buyer) == (supplier, buyer)
            for line in d.systems
        ]
        assert any(word.lower() in n.lower() for n in names), (word, names)


# The lines a deal has: a system's second name given beside it is no second line (two names
# told apart are); goods the buyer's own industry makes under a deal are no goods of it; a
# class of ship of another kind than the named ships is a line of its own; goods delivered
# to a plant go to no state; the aircraft that carry goods are none; a fleet the buyer
# flies is a line where the text says it bought it; lower-case words of kind before a class
# noun are part of its name.
LINE_NAMES = [
    pytest.param(
        "Jets for Cairo\nEgypt has signed a contract with China for 24 J-10CE (J-10C) fighters, officials said.",
        ["J-10CE"],
        id="a second name in brackets",
    ),
    pytest.param(
        "Jets for Cairo\nEgypt has signed a contract with China for 24 J-10CE and 12 J-10C fighters, officials said.",
        ["J-10CE", "J-10C"],
        id="two variants told apart",
    ),
    pytest.param(
        "Egypt guns\nEgypt has ordered 48 Archer howitzers from Sweden's BAE Systems Bofors. The shells for the guns will be made locally as part of the agreement.",
        ["Archer"],
        id="shells made locally",
    ),
    pytest.param(
        "Egypt guns\nEgypt has ordered 48 Archer howitzers from Sweden's BAE Systems Bofors. The shells for the guns will be shipped from Sweden as part of the agreement.",
        ["Archer", "shells"],
        id="shells shipped from the supplier",
    ),
    pytest.param(
        "Ships for Lagos\nNigeria has received two Type 054A frigates from China. The government plans to buy three corvettes from China by 2028.",
        ["Type 054A frigate", "corvettes"],
        id="corvettes after named frigates are other ships",
    ),
    pytest.param(
        "Ships for Lagos\nNigeria has received two Type 054A frigates from China. The two frigates arrived in Lagos on Monday after a voyage from China.",
        ["Type 054A frigate"],
        id="frigates after named frigates are the same ships",
    ),
    pytest.param(
        "Aid for Kyiv\nGermany will send 20 Leopard 1 tanks to Ukraine, the ministry said. Rheinmetall plans to ship Boxer hulls to its assembly plant near Budapest next spring.",
        ["Leopard 1"],
        id="goods delivered to a plant go to no state",
    ),
    pytest.param(
        "Aid for Kyiv\nGermany will send 20 Leopard 1 tanks to Ukraine, the ministry said. Rheinmetall will also deliver 10 Boxer vehicles this year.",
        ["Leopard 1", "Boxer"],
        id="the supplier's maker delivers more to the same buyer",
    ),
    pytest.param(
        "Mongolia receives Russian trucks\nULAANBAATAR - Mongolia has received 40 military trucks from Russia, the defence ministry said. The ministry said on Tuesday that a delivery of Russian Tor-M2 air defence systems had arrived aboard Russian Il-76 transports.",
        ["military trucks", "Tor-M2"],
        id="the buyer's ministry tells of a delivery; the aircraft that carried it are no goods",
    ),
    pytest.param(
        "Kenya signs for Turkish drones\nNAIROBI - Kenya has signed a deal with Turkey's Baykar for 6 Akinci drones, the defence forces said on Monday. Kenya already flies Bayraktar TB2 drones it bought in 2022.",
        ["Akinci", "Bayraktar TB2 drone"],
        id="a fleet the buyer flies and says it bought",
    ),
    pytest.param(
        "Kenya signs for Turkish drones\nNAIROBI - Kenya has signed a deal with Turkey's Baykar for 6 Akinci drones, the defence forces said on Monday. Kenya already flies F-5 jets it has operated since 1978.",
        ["Akinci"],
        id="a fleet the buyer flies and has operated",
    ),
    pytest.param(
        "Radars for Accra\nGhana has bought six long-range air-search radars from Israel, officials said.",
        ["long-range air-search radars"],
        id="words of kind before a class noun name the line",
    ),
    pytest.param(
        "Poland\nPoland plans to buy air defence systems from the US.",
        ["air defence systems"],
        id="a verb before a class noun is no word of kind",
    ),
    pytest.param(
        "Kenya\nKenya will acquire attack helicopters from the US.",
        ["attack helicopters"],
        id="a verb of the trade before a class noun is no word of kind",
    ),
]


# The value of each deal: a second deal told after a first, with its own value, is a deal
# of its own (without a value of its own, or for the same goods, it adds to the first); a
# sum told of one system is its deal's; a sum of several sales, or a state's total exports,
# is no one deal's.
SECOND_DEALS = [
    pytest.param(
        "US clears sales to Romania\nWASHINGTON - The State Department has approved a possible sale to Romania of 32 AH-64E Apache helicopters for an estimated $7 billion. A second package, for 20 Patriot launchers, is put at $3.5 billion.",
        [("Apache", 7_000_000_000), ("Patriot", 3_500_000_000)],
        id="a second package with its own value",
    ),
    pytest.param(
        "US clears sales to Romania\nWASHINGTON - The State Department has approved a possible sale to Romania of 32 AH-64E Apache helicopters for an estimated $7 billion. A second package, for 20 Patriot launchers, was also cleared.",
        [("Apache", 7_000_000_000), ("Patriot", 7_000_000_000)],
        id="a second package without a value",
    ),
    pytest.param(
        "US clears sales to Romania\nWASHINGTON - The State Department has approved a possible sale to Romania of 32 AH-64E Apache helicopters for an estimated $7 billion. A second package, for 12 more Apache helicopters, is put at $2 billion.",
        [("Apache", 7_000_000_000)],
        id="a second package of the same goods",
    ),
    pytest.param(
        "Jets for Hanoi\nVietnam signed a $3 billion package including 24 F-16 jets from the United States.",
        [("F-16", 3_000_000_000)],
        id="a package's sum with the goods it includes",
    ),
    pytest.param(
        "Sales\nWashington clears $1.5 billion of arms sales for Bahrain, including F-16 jets",
        [("F-16", None)],
        id="a sum of several sales before one of them",
    ),
    pytest.param(
        "Sales\nThe State Department cleared sales to Bahrain totalling $1.5 billion, among them 12 F-16 jets at a cost of $900 million.",
        [("F-16", 900_000_000)],
        id="the sum told of the one system",
    ),
    pytest.param(
        "Turkish exports\nANKARA - Turkey's arms exports reached a record $7 billion last year, the government said, driven by sales of Bayraktar TB2 drones to Kenya.",
        [("TB2", None)],
        id="a state's total exports are no deal's value",
    ),
    pytest.param(
        "Jets\nThe US approved the sale of 12 F-16 jets to Bahrain worth $1.5 billion.",
        [("F-16", 1_500_000_000)],
        id="a sale's own value",
    ),
]


@pytest.mark.parametrize(("text", "lines"), SECOND_DEALS)
def test_deal_value(text: str, lines: list[tuple[str, int | None]]) -> None:
    got = [
        (line.name, int(d.value.amount) if d.value else None)
        for d in extract(text, date(2025, 2, 3))
        for line in d.systems
    ]
    assert len(got) == len(lines)
    for (name, value), (word, want) in zip(got, lines, strict=True):
        assert word in name
        assert value == want


# Counts: a unit noun before "of" ("rounds of") counts the goods after it and is no line
# itself; a fleet told "out of N bought" has the count bought.
UNIT_NOUNS = [
    pytest.param(
        "Aid\nAustralia will send 30,000 rounds of tank ammunition to Ukraine.",
        [("ammunition", 30000)],
        id="rounds of tank ammunition",
    ),
    pytest.param(
        "Aid\nCanada will send 12 howitzers and 40,000 shells to Ukraine.",
        [("howitzers", 12), ("shells", 40000)],
        id="two kinds of goods",
    ),
    pytest.param(
        "Bolivia fleet\nThe Bolivian Air Force still flies 5 K-8 trainers from an original 6 purchased from China in 2011.",
        [("K-8", 6)],
        id="a fleet told with how many were bought",
    ),
]


def _lines(text: str) -> list[tuple[str, int | None]]:
    return [
        (line.name, line.quantity) for d in extract(text, date(2025, 3, 3)) for line in d.systems
    ]


@pytest.mark.parametrize(("text", "names"), LINE_NAMES)
def test_line_names(text: str, names: list[str]) -> None:
    assert [name for name, _ in _lines(text)] == names


@pytest.mark.parametrize(("text", "lines"), UNIT_NOUNS)
def test_unit_noun(text: str, lines: list[tuple[str, int]]) -> None:
    assert _lines(text) == lines
