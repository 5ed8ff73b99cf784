"""Generate news-like articles with known figures, for benchmarks.

    python -m benchmarks.generate OUT_DIR --articles N [--seed S] [--curated-share 0.1]

writes N article files `OUT_DIR/<slug>.md` (YAML front matter, then a body of 2,000 to 4,000
characters on one of a dozen beats) and, for a `--curated-share` of them,
`OUT_DIR/<slug>.figures.yaml` in the format of data/articles/*.figures.yaml.

The text is made from the figures, never the other way round: each figure is drawn first (a
value, its kind, its hedge) and written in one of the forms the extractor reads ("some 1,200",
"at least 100", "116 percent", "13.6 per cent", "$4.5bn", "Four hundred", "one fifth", "twice
as many", "between 20 and 30"), then a sentence is built around its quote. Years, dates and
ordinals are scattered in as distractors; apart from them the only numbers of a body are its
planted figures, so a curated figures file covers every number the extractor finds.

Everything comes from `random.Random` instances seeded from (seed, article index): the same
seed gives byte-identical files, and article i does not depend on how many come before it. The
texts and their figures are made up; none of it is a fact to cite.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import re
import sys
import time
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from decimal import Decimal
from pathlib import Path
from typing import TypeVar

BODY_MIN, BODY_MAX = 2000, 4000
FIGURES_MIN, FIGURES_MAX = 8, 20

# --------------------------------------------------------------------------------------------
# What is planted, and what is produced


@dataclass(frozen=True, slots=True)
class PlantedFigure:
    """A figure written into a body: its quote, where it stands, and what it states."""

    id: str
    quote: str
    occurrence: int  # which match of quote in the body it is (1 = first), as core.resolve counts
    start: int  # offset of the quote in the body
    value: float
    kind: str  # count, percent, ratio, multiplier, money
    unit: str
    qualifier: str  # exact, approx, at_least, more_than, at_most, less_than
    what: str
    of_whom: str | None = None
    where: str | None = None
    period: str | None = None
    lower: float | None = None  # the stated bounds of a range ("between 20 and 30")
    upper: float | None = None


@dataclass(frozen=True, slots=True)
class PlantedRelation:
    id: str
    type: str  # part_of, share_of, percent_change, multiple_of, same_quantity
    subject: str
    object: str
    baseline: str | None = None
    note: str | None = None


@dataclass(frozen=True, slots=True)
class GeneratedArticle:
    """One generated article: the text of its .md file and, when curated, of its figures file."""

    slug: str
    text: str  # the whole .md file: front matter, then the body
    body_offset: int  # where the body starts in text
    figures_text: str | None  # the .figures.yaml file, or None when the article is not curated
    figures: tuple[PlantedFigure, ...]
    relations: tuple[PlantedRelation, ...]

    @property
    def body(self) -> str:
        return self.text[self.body_offset :]


# --------------------------------------------------------------------------------------------
# Vocabulary. None of it may state a number: no digits, no number words ("two", "dozen",
# "half", "twice", "a third"), no month right after where a figure may stand. The only numbers
# of a body are its planted figures and the distractors below.


@dataclass(frozen=True, slots=True)
class Outlet:
    name: str
    domain: str
    percent: str  # " percent", " per cent" or "%"
    currency: str  # "$", "£" or "€"
    currency_code: str
    scale_words: bool  # "$4.5 billion" rather than "$4.5bn"


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


OUTLETS = (
    Outlet("The Northern Ledger", "northernledger.example", " per cent", "£", "GBP", False),
    Outlet("Daily Meridian", "dailymeridian.example", " percent", "$", "USD", True),
    Outlet("Harbour Times", "harbourtimes.example", "%", "£", "GBP", False),
    Outlet("Continental Review", "continentalreview.example", "%", "€", "EUR", False),
    Outlet("Valley Courier", "valleycourier.example", " percent", "$", "USD", False),
    Outlet("Metro Bulletin", "metrobulletin.example", "%", "$", "USD", True),
    Outlet("The Coastal Post", "coastalpost.example", " per cent", "£", "GBP", True),
    Outlet("Capital Observer", "capitalobserver.example", " percent", "$", "USD", False),
    Outlet("Rhine Valley Herald", "rhineherald.example", " per cent", "€", "EUR", True),
    Outlet("The Lakeside Gazette", "lakesidegazette.example", "%", "€", "EUR", False),
)
PLACES = _words(
    "Leeds Lyon Porto Dayton Tampere Ghent Bologna Cork Gdansk Malmo Adelaide Calgary Nagpur "
    "Mombasa Recife Bilbao Graz Utrecht Brno Tulsa Halifax Dundee Aarhus Salvador Kumasi Cebu "
    "Durban Oulu Plymouth Rennes Toledo Geelong Kingston Nantes Cardiff Swansea Turin Seville "
    "Leipzig Wroclaw Tartu Bergen Limerick Sheffield Omaha Spokane Hobart Dunedin Izmir Valencia"
)
FIRST_NAMES = _words(
    "Ana Tom Priya Lukas Fatima Oliver Mei Samuel Ines Jonas Amara Daniel Sofia Kwame Hannah "
    "Mateo Leila Patrick Yuki Grace Omar Clara Nikhil Eva Rafael Chloe Tariq Marta Felix Zainab"
)
LAST_NAMES = _words(
    "Ortiz Becker Nair Hoffmann Haddad Walsh Chen Okafor Silva Berg Mensah Kowalski Rossi "
    "Boateng Murphy Alvarez Farouk Doyle Tanaka Osei Khan Moreau Sharma Lindqvist Costa Dubois "
    "Aziz Novak Fischer Adeyemi"
)
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")
MONTHS = _words(
    "January February March April May June July August September October November December"
)
ORDINAL_WORDS = ("second", "third", "fourth", "fifth", "sixth")


@dataclass(frozen=True, slots=True)
class Counted:
    """Something counted: '{figure} {noun} {verb}', and the parts of it a story may name."""

    noun: str
    verb: str  # present perfect, plural: "have been admitted to hospital with flu"
    what: str  # what the count measures, for the figures file
    low: int
    high: int
    parts: list[tuple[str, str]]  # (predicate after "of them", what the part measures)


@dataclass(frozen=True, slots=True)
class Beat:
    key: str
    titles: list[str] = field(default_factory=list)
    institutions: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    counted: list[Counted] = field(default_factory=list)
    rates: list[tuple[str, str]] = field(default_factory=list)  # (noun phrase, what)
    spending: list[tuple[str, str]] = field(default_factory=list)  # (spent on, what)
    surveyed: list[str] = field(default_factory=list)
    findings: list[str] = field(default_factory=list)
    fillers: list[str] = field(default_factory=list)


# One line per entry, "key value"; an indented line continues the line above it; a `part`
# belongs to the `counted` above it. Fields are separated by " | ".
BEATS_SPEC = """
beat health
title Hospital waiting lists in {place} reach a record
title Flu season puts pressure on {place} hospitals
title Ambulance delays in {place} draw criticism from doctors
institution the regional health authority
institution the health ministry
institution the hospital trust
institution the public health agency
role a consultant at the city hospital
role the regional health director
role a spokesperson for the nurses' union
counted patients | have waited longer than the target for planned surgery
    | patients waiting longer than the target for planned surgery | 1500 | 90000
part were waiting for hip or knee operations | patients waiting for hip or knee operations
part had been referred by a specialist | patients referred by a specialist
counted people | have been admitted to hospital with flu | hospital admissions with flu
    | 200 | 9000
part needed intensive care | flu patients who needed intensive care
part were over retirement age | flu patients over retirement age
counted nurses | have left the service | nurses who left the health service | 300 | 12000
part moved to private clinics | nurses who moved to private clinics
part retired early | nurses who retired early
counted ambulance calls | have been classed as life-threatening
    | life-threatening ambulance calls | 2000 | 60000
part were answered late | life-threatening calls answered late
part came from rural areas | life-threatening calls from rural areas
rate the share of patients seen within the target time | patients seen within the target time
rate the bed occupancy rate | bed occupancy
rate the vaccination rate among care workers | vaccination rate among care workers
rate the vacancy rate for nursing posts | vacancy rate for nursing posts
spending new operating theatres | spending on new operating theatres
spending an emergency fund for hospitals | emergency fund for hospitals
spending mental health services | spending on mental health services
spending the recruitment of overseas nurses | spending on recruiting overseas nurses
surveyed patients
surveyed hospital staff
surveyed family doctors
surveyed care home managers
finding said they had waited too long for an appointment
finding expected services to get worse
finding said staff shortages were the main problem
finding had considered leaving their job
filler Doctors warned that winter would bring further pressure on emergency departments.
filler The hospital trust said it had opened extra wards to cope with demand.
filler Patient groups called for a full review of how referrals are handled.
filler The health minister is due to set out a recovery plan before the summer recess.

beat housing
title Rents in {place} climb as supply stalls
title {place} council struggles to house homeless families
title New homes target missed again in {place}
institution the city council
institution the housing ministry
institution the national statistics office
institution a tenants' association
role the council's housing director
role a spokesperson for the tenants' association
role an economist at the city university
counted families | have been placed in temporary accommodation
    | families in temporary accommodation | 300 | 40000
part were housed in hotels | families housed in hotels
part had stayed beyond the legal limit | families in temporary accommodation beyond the limit
counted homes | have been completed | homes completed | 800 | 250000
part were classed as affordable | affordable homes completed
part were built on former industrial land | homes completed on former industrial land
counted households | are on the waiting list for social housing
    | households waiting for social housing | 2000 | 120000
part included a disabled member | waiting households with a disabled member
part had waited for longer than a decade | households waiting for longer than a decade
counted empty properties | have been recorded by inspectors | empty properties recorded
    | 500 | 30000
part were owned by overseas investors | empty properties owned by overseas investors
part had been empty for years | long-term empty properties
rate the average rent increase | average rent increase
rate the share of income spent on housing | share of income spent on housing
rate the mortgage approval rate | mortgage approval rate
rate the vacancy rate in private rentals | vacancy rate in private rentals
spending new social housing | spending on new social housing
spending the repair of council flats | spending on repairs to council flats
spending a fund to buy back empty homes | fund to buy back empty homes
spending insulation grants for tenants | insulation grants for tenants
surveyed renters
surveyed landlords
surveyed first-time buyers
surveyed council tenants
finding said their rent had risen faster than their pay
finding planned to move out of the city
finding said they could not afford a deposit
finding reported problems with damp
filler Housing charities said the figures showed the scale of the crisis.
filler The council blamed rising construction costs and a shortage of builders.
filler Tenants' groups have called for limits on rent increases.
filler Developers said planning rules were slowing construction.

beat transport
title {place} commuters face more delays as rail works drag on
title Bus cuts leave {place} villages isolated
title Road deaths rise in {place}, police say
institution the transport authority
institution the rail operator
institution the road safety council
institution the city's transport department
role the transport commissioner
role a spokesperson for the rail operator
role the chair of the passengers' association
counted trains | have been cancelled | cancelled trains | 500 | 60000
part were cancelled at short notice | trains cancelled at short notice
part ran on the coastal line | cancelled trains on the coastal line
counted bus routes | have been cut | bus routes cut | 20 | 900
part served rural villages | bus routes cut that served rural villages
part ran only at weekends | weekend-only bus routes cut
counted people | have been killed or seriously injured on the roads
    | people killed or seriously injured on the roads | 150 | 9000
part were cyclists | cyclists killed or seriously injured
part were pedestrians | pedestrians killed or seriously injured
counted passengers | have used the new tram line | passengers on the new tram line
    | 20000 | 900000
part travelled at peak times | tram passengers at peak times
part used a season ticket | tram passengers with season tickets
rate the share of trains arriving on time | trains arriving on time
rate the average fare increase | average fare increase
rate the share of journeys made by bike | journeys made by bike
rate ridership on the night buses | night bus ridership
spending the tram extension | cost of the tram extension
spending road repairs | spending on road repairs
spending new electric buses | spending on electric buses
spending the station upgrade | cost of the station upgrade
surveyed commuters
surveyed cyclists
surveyed bus passengers
surveyed drivers
finding said their journey had become less reliable
finding supported a congestion charge
finding felt unsafe on the roads at night
finding would switch to rail if fares fell
filler The rail operator apologised to passengers and promised better information.
filler Campaigners said the cuts would hit older residents hardest.
filler Work on the signalling system is expected to continue into next year.
filler The transport authority said it was reviewing the timetable.

beat education
title Teacher shortage deepens in {place} schools
title {place} pupils fall behind in reading, report finds
title University applications drop in {place}
institution the education ministry
institution the schools inspectorate
institution the teachers' union
institution the regional education board
role a head teacher in the city
role the general secretary of the teachers' union
role an education researcher
counted teachers | have quit the profession | teachers who quit the profession | 300 | 40000
part had trained within the past decade | recently trained teachers who quit
part taught maths or science | maths and science teachers who quit
counted pupils | have been excluded from school | pupils excluded from school | 200 | 20000
part had special educational needs | excluded pupils with special needs
part were excluded repeatedly | pupils excluded repeatedly
counted schools | have reported unfilled vacancies | schools with unfilled vacancies
    | 40 | 4000
part were primary schools | primary schools with vacancies
part were in rural areas | rural schools with vacancies
counted students | have applied for university places | university applicants
    | 5000 | 600000
part came from abroad | applicants from abroad
part applied for medicine | applicants for medicine
rate the share of pupils reaching the expected standard | pupils at the expected standard
rate the pass rate in maths | maths pass rate
rate the teacher vacancy rate | teacher vacancy rate
rate the attendance rate | school attendance rate
spending school building repairs | spending on school building repairs
spending free school meals | spending on free school meals
spending a tutoring programme | cost of the tutoring programme
spending teachers' pay | the pay settlement for teachers
surveyed parents
surveyed teachers
surveyed students
surveyed head teachers
finding said class sizes had grown
finding expected to leave teaching soon
finding worried about the cost of studying
finding said buildings needed urgent repairs
filler Head teachers said the shortage was forcing them to merge classes.
filler The inspectorate will publish its full report later this term.
filler The teachers' union said pay had not kept pace with prices.
filler Parents' groups welcomed the plan but said it came too late.

beat economy
title Factory closures hit jobs in {place}
title {place} retailers report weak sales
title Small firms in {place} warn of rising costs
institution the chamber of commerce
institution the national statistics office
institution the central bank
institution the employers' federation
role the chief economist at a local bank
role the head of the chamber of commerce
role a labour market analyst
counted jobs | have been lost in manufacturing | manufacturing jobs lost | 400 | 90000
part were in car plants | jobs lost in car plants
part were held by temporary workers | temporary jobs lost
counted businesses | have closed | business closures | 300 | 30000
part were restaurants or cafes | restaurants and cafes closed
part had traded for less than a decade | young businesses closed
counted workers | have been put on short hours | workers on short hours | 1000 | 200000
part worked in construction | construction workers on short hours
part were apprentices | apprentices on short hours
counted firms | have applied for emergency loans | firms applying for emergency loans
    | 200 | 50000
part were turned down | firms refused emergency loans
part were family businesses | family businesses applying for emergency loans
rate the unemployment rate | unemployment rate
rate inflation | consumer price inflation
rate the growth rate of retail sales | growth of retail sales
rate the share of firms planning to hire | firms planning to hire
spending a support package for small firms | support package for small firms
spending a new industrial park | cost of the industrial park
spending retraining schemes | spending on retraining schemes
spending export guarantees | export guarantees
surveyed business owners
surveyed workers
surveyed shoppers
surveyed exporters
finding expected prices to keep rising
finding planned to cut staff
finding had delayed investment
finding said energy bills were their biggest worry
filler Economists said the slowdown was broader than expected.
filler The central bank is due to announce its next decision on interest rates.
filler Business leaders called for lower taxes on hiring.
filler Unions said workers were bearing the brunt of the downturn.

beat energy
title Energy bills push {place} households into arrears
title Wind farm plans divide {place}
title Power cuts leave {place} homes in the dark
institution the energy regulator
institution the grid operator
institution the energy ministry
institution a consumer watchdog
role a spokesperson for the grid operator
role the head of the energy regulator
role a fuel poverty campaigner
counted households | have fallen behind on their energy bills
    | households in arrears on energy bills | 2000 | 900000
part used prepayment meters | households in arrears with prepayment meters
part included children | households in arrears with children
counted homes | have been left without power | homes left without power | 500 | 300000
part were in coastal villages | coastal homes left without power
part lost power for more than a day | homes without power for over a day
counted wind turbines | have been approved | wind turbines approved | 10 | 900
part will stand offshore | offshore turbines approved
part replace older models | turbines replacing older models
counted customers | have switched supplier | customers who switched supplier | 5000 | 800000
part moved to green tariffs | customers who moved to green tariffs
part were switched automatically | customers switched automatically
rate the share of electricity from renewables | electricity from renewables
rate the average increase in household bills | average increase in household bills
rate the share of homes with heat pumps | homes with heat pumps
rate gas demand | gas demand
spending grid upgrades | spending on grid upgrades
spending insulation for older homes | spending on insulating older homes
spending a new solar park | cost of the solar park
spending help with winter bills | support with winter bills
surveyed households
surveyed small businesses
surveyed pensioners
surveyed tenants
finding had cut back on heating
finding planned to install solar panels
finding did not trust their supplier
finding supported new wind farms nearby
filler The regulator said suppliers must do more to help customers in difficulty.
filler Engineers worked through the night to restore supplies.
filler Campaigners said the support did not go far enough.
filler The grid operator said demand had been higher than forecast.

beat environment
title Floods leave trail of damage across {place}
title Air pollution in {place} above safe limits, study says
title Drought hits farms around {place}
institution the environment agency
institution the flood authority
institution the regional government
institution a conservation charity
role a hydrologist at the city university
role the environment minister
role a spokesperson for the conservation charity
counted homes | have been flooded | homes flooded | 100 | 20000
part had no flood insurance | flooded homes without insurance
part stood near the river | flooded homes near the river
counted people | have been evacuated | people evacuated | 200 | 80000
part were moved to emergency shelters | evacuees in emergency shelters
part have since returned home | evacuees who returned home
counted trees | have been planted | trees planted | 5000 | 900000
part were native species | native trees planted
part were planted along rivers | trees planted along rivers
counted farms | have reported crop losses | farms reporting crop losses | 100 | 9000
part grow cereals | cereal farms reporting losses
part rely on irrigation | irrigated farms reporting losses
rate the share of rivers in good condition | rivers in good condition
rate the level of the reservoirs | reservoir levels
rate the recycling rate | household recycling rate
rate emissions from transport | transport emissions
spending flood defences | spending on flood defences
spending the clean-up | cost of the clean-up
spending a river restoration programme | river restoration programme
spending clean air zones | spending on clean air zones
surveyed residents
surveyed farmers
surveyed anglers
surveyed volunteers
finding had seen their area flood
finding wanted stricter limits on pollution
finding said the river had got worse
finding supported a ban on new building near rivers
filler Residents described water rising through their homes within minutes.
filler The environment agency said the river had burst its banks overnight.
filler Scientists said such events were becoming more frequent.
filler Volunteers helped clear debris from the town centre.

beat crime
title Burglaries rise in {place} as police numbers fall
title {place} police step up patrols after spate of thefts
title Court backlog in {place} leaves victims waiting
institution the police
institution the justice ministry
institution the courts service
institution a victims' charity
role the chief constable
role a spokesperson for the victims' charity
role a criminologist at the city university
counted burglaries | have been reported | burglaries reported | 300 | 60000
part took place at night | night-time burglaries
part targeted businesses | burglaries of businesses
counted cases | are waiting to be heard in court | court cases waiting to be heard
    | 1000 | 70000
part involved violent crime | violent crime cases waiting
part had waited beyond the target | cases waiting beyond the target
counted officers | have been recruited | police officers recruited | 50 | 20000
part were women | women officers recruited
part joined the neighbourhood teams | officers recruited to neighbourhood teams
counted bikes | have been stolen | bikes stolen | 200 | 40000
part were taken from stations | bikes stolen from stations
part were later recovered | stolen bikes recovered
rate the share of crimes solved | crimes solved
rate the rate of knife crime | knife crime rate
rate the share of victims who reported the crime | victims reporting the crime
rate the reoffending rate | reoffending rate
spending street lighting | spending on street lighting
spending extra patrols | cost of extra patrols
spending victim support services | spending on victim support
spending the new courthouse | cost of the new courthouse
surveyed residents
surveyed shop owners
surveyed victims
surveyed young people
finding felt less safe than a year ago
finding had not reported a crime
finding wanted more patrols
finding said the police had responded quickly
filler Police urged residents to lock doors and windows.
filler The chief constable said officers were stretched thin.
filler Victims' groups said delays were causing real harm.
filler The justice ministry said it was hiring more judges.

beat migration
title Asylum backlog grows in {place}
title {place} welcomes more foreign workers as shortages bite
title Migrants stranded at {place} port
institution the interior ministry
institution the border agency
institution the refugee council
institution the migration office
role a spokesperson for the border agency
role the head of the refugee council
role a migration researcher
counted asylum claims | are awaiting a decision | asylum claims awaiting a decision
    | 2000 | 150000
part had waited beyond the target | claims waiting beyond the target
part were lodged by families | claims lodged by families
counted work visas | have been issued | work visas issued | 1000 | 400000
part went to care workers | work visas for care workers
part went to farm workers | work visas for farm workers
counted people | have crossed the border irregularly | irregular border crossings
    | 200 | 90000
part were unaccompanied minors | unaccompanied minors crossing
part were returned within days | people returned within days
counted refugees | have been resettled | refugees resettled | 100 | 20000
part were children | child refugees resettled
part found work within the year | resettled refugees in work
rate the asylum grant rate | asylum grant rate
rate the share of visas for health workers | visas for health workers
rate net migration | net migration
rate the rate of appeals upheld | appeals upheld
spending reception centres | spending on reception centres
spending language courses | spending on language courses
spending border checks | cost of border checks
spending the resettlement scheme | cost of the resettlement scheme
surveyed employers
surveyed migrants
surveyed residents
surveyed local councils
finding said they relied on foreign workers
finding had waited too long for a decision
finding supported the resettlement scheme
finding wanted faster processing
filler Aid groups said conditions at the centre were unacceptable.
filler The interior ministry said it was clearing the backlog.
filler Employers called for a simpler visa system.
filler The refugee council said more interpreters were needed.

beat agriculture
title {place} dairy farmers squeezed by low prices
title Harvest falls short around {place}
title Bird flu outbreak hits {place} poultry farms
institution the farming union
institution the agriculture ministry
institution the food standards agency
institution the regional farmers' cooperative
role the president of the farming union
role an agricultural economist
role a dairy farmer near the city
counted dairy farms | have closed | dairy farm closures | 20 | 3000
part were family-run | family-run dairy farms closed
part sold their herds at auction | dairy farms that sold their herds
counted birds | have been culled | birds culled | 5000 | 900000
part were laying hens | laying hens culled
part came from a single site | birds culled at a single site
counted seasonal workers | have been hired for the harvest | seasonal workers hired
    | 300 | 60000
part came from abroad | seasonal workers from abroad
part worked on fruit farms | seasonal workers on fruit farms
counted lorries of grain | have been loaded at the port | grain lorries loaded | 2000 | 90000
part carried wheat | lorries of wheat loaded
part were bound for export | grain lorries bound for export
rate the milk price paid to farmers | milk price paid to farmers
rate the share of farm income from subsidies | farm income from subsidies
rate food price inflation | food price inflation
rate the share of land farmed organically | land farmed organically
spending compensation for culled flocks | compensation for culled flocks
spending a drought relief fund | drought relief fund
spending irrigation schemes | spending on irrigation schemes
spending support for young farmers | support for young farmers
surveyed farmers
surveyed consumers
surveyed growers
surveyed vets
finding expected to leave farming
finding said costs had outpaced prices
finding had cut their herd
finding wanted more help from the government
filler Farmers said the weather had been the worst in living memory.
filler The union called on supermarkets to pay a fair price.
filler Vets said the outbreak was now under control.
filler The ministry said compensation would be paid quickly.

beat technology
title Cyber attack disrupts {place} council services
title Broadband gaps leave {place} villages behind
title {place} start-ups struggle to raise money
institution the data protection authority
institution the digital ministry
institution the telecoms regulator
institution a technology trade body
role the council's chief digital officer
role a security researcher
role the founder of a local start-up
counted records | have been exposed in the breach | records exposed in the breach
    | 2000 | 900000
part included bank details | exposed records with bank details
part belonged to children | exposed records of children
counted homes | have been connected to fast broadband | homes connected to fast broadband
    | 1000 | 800000
part were in rural areas | rural homes connected
part were connected this year | homes connected this year
counted start-ups | have raised funding | start-ups that raised funding | 20 | 3000
part worked in artificial intelligence | artificial intelligence start-ups funded
part were led by women | start-ups led by women
counted complaints | have been made to the regulator | complaints to the regulator
    | 200 | 60000
part concerned mobile coverage | complaints about mobile coverage
part were upheld | complaints upheld
rate the share of homes with fast broadband | homes with fast broadband
rate the share of firms hit by cyber attacks | firms hit by cyber attacks
rate mobile coverage in rural areas | rural mobile coverage
rate the share of services available online | council services available online
spending rural broadband | spending on rural broadband
spending cyber security | spending on cyber security
spending a start-up fund | start-up fund
spending new council computer systems | cost of new council computer systems
surveyed residents
surveyed small firms
surveyed council staff
surveyed students
finding had been targeted by scam messages
finding said their connection was too slow
finding wanted more services online
finding did not trust apps with their data
filler The council said its systems were restored after several days.
filler Security experts said the attack bore the hallmarks of a criminal gang.
filler Residents in outlying villages said they had been forgotten.
filler Investors said the market for new firms had cooled.

beat public-finance
title {place} council faces budget gap
title Tax receipts fall short in {place}
title Spending cuts loom for {place} services
institution the city council
institution the finance ministry
institution the audit office
institution the budget committee
role the council's finance director
role the chair of the budget committee
role a public finance analyst
counted council posts | have been cut | council posts cut | 50 | 6000
part were in social care | social care posts cut
part were left vacant | posts cut by leaving them vacant
counted libraries | have closed | library closures | 5 | 400
part were in villages | village libraries closed
part were handed to volunteers | libraries handed to volunteers
counted taxpayers | have missed the filing deadline | taxpayers missing the filing deadline
    | 2000 | 600000
part were self-employed | self-employed taxpayers who missed the deadline
part paid a penalty | taxpayers who paid a penalty
counted contracts | have been awarded without tender | contracts awarded without tender
    | 20 | 3000
part went to consultancies | contracts to consultancies without tender
part exceeded the legal threshold | contracts over the threshold without tender
rate the budget deficit as a share of spending | deficit as a share of spending
rate the council tax increase | council tax increase
rate the share of the budget spent on social care | budget share for social care
rate debt interest as a share of revenue | debt interest as a share of revenue
spending the budget gap | the council's budget gap
spending road maintenance | spending on road maintenance
spending adult social care | spending on adult social care
spending the pension fund deficit | the pension fund deficit
surveyed residents
surveyed councillors
surveyed business owners
surveyed taxpayers
finding opposed a rise in council tax
finding said services had got worse
finding supported selling council buildings
finding wanted more say over spending
filler The audit office said the council had relied too heavily on reserves.
filler Opposition councillors called for an emergency meeting.
filler The finance director said difficult choices lay ahead.
filler Residents will be consulted on the proposals before a final vote.
"""


LIST_OF = {
    "title": "titles",
    "institution": "institutions",
    "role": "roles",
    "surveyed": "surveyed",
    "finding": "findings",
    "filler": "fillers",
}


def _parse_beats(spec: str) -> tuple[Beat, ...]:
    lines: list[str] = []
    for line in spec.splitlines():
        if line.startswith(" ") and lines:
            lines[-1] += " " + line.strip()
        elif line.strip():
            lines.append(line.strip())
    beats: list[Beat] = []
    for line in lines:
        key, _, value = line.partition(" ")
        fields = [part.strip() for part in value.split(" | ")]
        if key == "beat":
            beats.append(Beat(value))
            continue
        beat = beats[-1]
        if key == "counted":
            noun, verb, what, low, high = fields
            beat.counted.append(Counted(noun, verb, what, int(low), int(high), []))
        elif key == "part":
            beat.counted[-1].parts.append((fields[0], fields[1]))
        elif key in ("rate", "spending"):
            getattr(beat, "rates" if key == "rate" else key).append((fields[0], fields[1]))
        else:
            getattr(beat, LIST_OF[key]).append(value)
    return tuple(beats)


BEATS = _parse_beats(BEATS_SPEC)

GENERIC_FILLERS = (
    "Officials said the figures would be reviewed by an independent panel.",
    "Critics said the response had been too slow and too small.",
    "The government said it was listening to concerns.",
    "Opposition politicians called for an inquiry.",
    "Local reporters have followed the story for months.",
    "The full data set is due to be published later this year.",
    "Campaigners said the numbers hid wide differences between neighbourhoods.",
    "Some experts cautioned against reading too much into a single year.",
    "The mayor said the city would not be able to solve the problem alone.",
    "A consultation on the plans closes at the end of the month.",
    "Several councillors said they had not been told about the figures in advance.",
    "The ministry declined to comment on individual cases.",
    "The figures do not include cases that were never reported.",
    "Neighbouring councils have reported similar trends.",
    "A spokesperson said the department was working with local partners.",
    "Unions and employers are due to meet next week.",
    "The issue is expected to feature in the next election campaign.",
    "Officials stressed that the data were provisional and could be revised.",
    "The regional assembly will debate the findings next month.",
    "Charities said demand for their services had never been higher.",
    "The watchdog said it would publish a fuller analysis in the autumn.",
    "Local businesses said they had felt the effects for some time.",
    "The opposition accused ministers of ignoring the warning signs.",
    "Residents who spoke to reporters described a sense of frustration.",
)
QUOTES = (
    "We are doing everything we can, but the pressure is enormous",
    "These are not just numbers, they are people's lives",
    "The trend is clear and it is going in the wrong direction",
    "We warned about this and nobody listened",
    "There is no quick fix",
    "We need a long-term plan, not another announcement",
    "Things are improving, but there is a long way to go",
    "It is simply not acceptable",
)
QUOTE_FILLERS = (
    '"{quote}," said {person}, {role}.',
    '{person}, {role}, said: "{quote}."',
    '"{quote}," {role} told {outlet}.',
)
# Distractors: years, dates and ordinals, which the extractor classifies and are no figures.
DISTRACTORS = (
    "The figures were first published on {day} {month}.",
    "The scheme was launched in {year_past} and extended in {year_prev}.",
    "The report, dated {iso}, was released on {weekday}.",
    "It is the {ordinal} year in a row that the figure has moved in the same direction.",
    "The council first raised the issue in {month} {year_prev}.",
    "The review marks the {nth} anniversary of the service.",
    "Officials said the next update would come on {month} {day}, {year}.",
    "The {ordinal} phase of the programme is due to start in {year_next}.",
    "Similar warnings were issued in the late {decade}s.",
    "The rules have not changed since the {nth_small} edition of the guidance in {year_past}.",
    "The policy dates back to {year_past}.",
    "A similar review in {year_prev} reached much the same conclusions.",
    "The inquiry will hold its {ordinal} public hearing on {weekday}, {day} {month}.",
    "The data cover the period up to the end of {month} {year}.",
)

FILLERS = {  # a quote, with a person's name drawn each time, may come more than once
    beat.key: (*beat.fillers, *GENERIC_FILLERS, *DISTRACTORS, *QUOTE_FILLERS, *QUOTE_FILLERS)
    for beat in BEATS
}

# --------------------------------------------------------------------------------------------
# Figures: a value, its kind, its hedge, and the words that state it


@dataclass(slots=True)
class Draft:
    """A figure being planted: everything but its place in the body."""

    key: str  # what it is in the story, for its id: lead, change, part, share, rate, ...
    quote: str
    value: float
    kind: str
    unit: str
    qualifier: str
    what: str
    of_whom: str | None = None
    where: str | None = None
    period: str | None = None
    lower: float | None = None
    upper: float | None = None


HEDGES = {
    "approx": ("some", "about", "around", "roughly", "nearly", "almost", "an estimated",
               "approximately", "close to"),
    "at_least": ("at least", "no fewer than"),
    "more_than": ("more than", "over", "upwards of", "in excess of", "just over"),
    "at_most": ("up to", "as many as", "at most", "no more than"),
    "less_than": ("fewer than", "less than", "under", "just under"),
}  # fmt: skip
AMOUNT_HEDGES = {  # money and percentages: "as much as", not "as many as"
    "approx": ("about", "around", "roughly", "nearly", "almost", "some", "close to"),
    "at_least": ("at least",),
    "more_than": ("more than", "over", "just over", "in excess of"),
    "at_most": ("up to", "as much as", "at most", "no more than"),
    "less_than": ("less than", "under", "just under"),
}  # fmt: skip
ANY_QUALIFIER = ("approx", "approx", "at_least", "more_than", "at_most", "less_than")
UNIT_WORDS = _words(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen"
)
TENS_WORDS = ("", "", *_words("twenty thirty forty fifty sixty seventy eighty ninety"))
FRACTIONS = (  # "half" alone is read only before "of", which the templates put after it
    ("one fifth", 0.2), ("a fifth", 0.2), ("a third", 1 / 3), ("two thirds", 2 / 3),
    ("a quarter", 0.25), ("three quarters", 0.75), ("one in five", 0.2), ("one in four", 0.25),
    ("three in 10", 0.3), ("four in 10", 0.4), ("nine in 10", 0.9), ("1 in 4", 0.25),
    ("1 in 3", 1 / 3), ("half", 0.5), ("two fifths", 0.4), ("one tenth", 0.1),
)  # fmt: skip
FRACTION_HEDGES = {"approx": ("nearly", "almost", "about", "roughly"), "more_than": ("more than",)}
MULTIPLIERS_AS_MANY = (("twice as many", 2), ("three times as many", 3), ("four times as many", 4))
MULTIPLIER_VERBS = (("doubled", 2), ("tripled", 3), ("quadrupled", 4), ("halved", 0.5))


def _words_under_100(n: int) -> str:
    if n < 20:
        return UNIT_WORDS[n]
    tens, units = divmod(n, 10)
    return TENS_WORDS[tens] + (f"-{UNIT_WORDS[units]}" if units else "")


def _mantissa(rng: random.Random, low: float, high: float) -> str:
    """A number between low and high as a newspaper rounds it: '4.5', '12', '1.25'."""
    x = rng.uniform(low, high)
    digits = 0 if x >= 20 else _choice(rng, (0, 1, 1, 1, 2)) if x < 10 else _choice(rng, (0, 1))
    text = f"{x:.{digits}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text if float(text) > 0 else "1"


def _round_count(rng: random.Random, n: int) -> int:
    """Round as a press release does, most of the time: 2,437, 2,400 or 2,440."""
    if n < 100 or rng.random() < 0.3:
        return n
    step = 10 ** max(0, len(str(n)) - _choice(rng, (2, 2, 3)))
    return max(step, round(n / step) * step)


def _digits(n: int) -> str:
    return f"{n:,}"


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def count_figure(
    rng: random.Random,
    low: int,
    high: int,
    qualifiers: tuple[str, ...] = ANY_QUALIFIER,
) -> tuple[str, float, str]:
    """(quote, value, qualifier) of a count: '2,450', 'some 1,200', 'four hundred', '1.2m'."""
    n = _round_count(rng, int(rng.uniform(low, high)))
    roll = rng.random()
    if roll < 0.17:
        return _count_in_words(rng, n)
    if n >= 1_000_000 and roll < 0.6:
        mantissa = _mantissa(rng, n / 1e6 * 0.9, n / 1e6 * 1.1)
        text = f"{mantissa} million" if rng.random() < 0.7 else f"{mantissa}m"
        value = float(Decimal(mantissa) * 1_000_000)
    else:
        text, value = _digits(n), float(n)
    if qualifiers and rng.random() < 0.45:
        qualifier = _choice(rng, qualifiers)
        return f"{_choice(rng, HEDGES[qualifier])} {text}", value, qualifier
    return text, value, "exact"


def _count_in_words(rng: random.Random, n: int) -> tuple[str, float, str]:
    """'twenty-five', 'four hundred', 'eight hundred and fifty', 'twelve thousand', 'a dozen'."""
    if n < 12 or (n < 30 and rng.random() < 0.1):
        return "a dozen", 12.0, "exact"
    if n < 100:
        return _words_under_100(n), float(n), "exact"
    if n < 1000:
        hundreds, rest = divmod(n, 100)
        hundreds = max(hundreds, 2)  # no lone "one": "one hundred" reads as a hundred
        if rest < 2 or rng.random() < 0.5:
            return f"{UNIT_WORDS[hundreds]} hundred", hundreds * 100.0, "exact"
        words = f"{UNIT_WORDS[hundreds]} hundred and {_words_under_100(rest)}"
        return words, hundreds * 100.0 + rest, "exact"
    if n < 100_000:
        thousands = max(2, min(99, round(n / 1000)))
        return f"{_words_under_100(thousands)} thousand", thousands * 1000.0, "exact"
    if n < 1_000_000:
        return "half a million", 500_000.0, "exact"
    millions = max(2, min(19, round(n / 1e6)))
    return f"{UNIT_WORDS[millions]} million", millions * 1e6, "exact"


def _looks_approx(a: float, b: float) -> bool:
    """True when a..b is its midpoint +/- 10 percent ("9 to 11%", "18,000-22,000"): the pipeline
    takes such a range for an approx figure of its first number (core/resolve.py `_quoted`
    compares the bounds with the approx interval), so its midpoint would fail
    quoted_numbers_equal_values. Such ranges are not generated."""
    return math.isclose((b - a) / (b + a), 0.1)


def count_range(rng: random.Random, low: int, high: int) -> tuple[str, float, float, float]:
    """(quote, midpoint, lower, upper): 'between 20 and 30', 'some 2,000-2,500'."""
    n = int(rng.uniform(max(low, 10), max(high, 20)))
    step = 10 ** max(0, len(str(n)) - 2)
    a = n // step * step  # two significant digits
    b = a + step * _choice(rng, (2, 3, 4, 5, 10))
    if _looks_approx(a, b):
        b += step
    roll = rng.random()
    if roll < 0.55:
        text = f"between {_digits(a)} and {_digits(b)}"
    elif a >= 1000 and roll < 0.8:
        text = f"{_choice(rng, ('some', 'about', 'roughly'))} {_digits(a)}-{_digits(b)}"
    else:
        text = f"{_digits(a)}-{_digits(b)}"
    return text, (a + b) / 2, float(a), float(b)


def percent_figure(
    rng: random.Random,
    style: str,
    low: float = 1,
    high: float = 95,
    qualifiers: tuple[str, ...] = ("approx", "approx", "more_than", "less_than", "at_least"),
) -> tuple[str, float, str]:
    """(quote, value, qualifier): '116 percent', '3.5%', 'about 13.6 per cent'."""
    x = rng.uniform(low, high)
    text = f"{x:.1f}" if x < 20 and rng.random() < 0.6 else str(max(1, round(x)))
    if text.endswith(".0"):
        text = text[:-2]
    quote = f"{text}{style}"
    if qualifiers and rng.random() < 0.35:
        qualifier = _choice(rng, qualifiers)
        return f"{_choice(rng, AMOUNT_HEDGES[qualifier])} {quote}", float(text), qualifier
    return quote, float(text), "exact"


def _small_range(rng: random.Random) -> tuple[int, int]:
    a = rng.randint(2, 40)
    b = a + rng.randint(1, max(2, a // 2))
    return a, b + 1 if _looks_approx(a, b) else b


def percent_range(rng: random.Random, style: str) -> tuple[str, float, float, float]:
    """(quote, midpoint, lower, upper): '15 to 20 percent', 'between 4 and 6 per cent'."""
    a, b = _small_range(rng)
    roll = rng.random()
    if roll < 0.4:
        text = f"{a} to {b}{style}"
    elif roll < 0.75:
        text = f"between {a} and {b}{style}"
    else:
        text = f"{a}-{b}%"
    return text, (a + b) / 2, float(a), float(b)


def money_figure(
    rng: random.Random,
    outlet: Outlet,
    low: float,
    high: float,
    qualifiers: tuple[str, ...] = ("approx", "approx", "more_than", "at_most", "less_than"),
) -> tuple[str, float, str]:
    """(quote, value, qualifier): '$4.5bn', '£12m', '$120 million', '€850,000', 'about £35k'."""
    amount = 10 ** rng.uniform(math.log10(low), math.log10(high))
    if amount >= 1e9:
        mantissa = _mantissa(rng, amount / 1e9 * 0.9, amount / 1e9 * 1.1)
        scale, word, suffix = 1_000_000_000, " billion", "bn"
    elif amount >= 1e6:
        mantissa = _mantissa(rng, amount / 1e6 * 0.9, amount / 1e6 * 1.1)
        scale, word, suffix = 1_000_000, " million", "m"
    else:
        thousands = max(10, round(amount / 1000))
        if rng.random() < 0.3:
            mantissa, scale, word, suffix = str(thousands), 1000, "k", "k"
        else:
            mantissa, scale, word, suffix = _digits(thousands * 1000), 1, "", ""
    number = mantissa + (word if outlet.scale_words and rng.random() < 0.8 else suffix)
    value = float(Decimal(mantissa.replace(",", "")) * scale)
    quote = f"{outlet.currency}{number}"
    if qualifiers and rng.random() < 0.35:
        qualifier = _choice(rng, qualifiers)
        return f"{_choice(rng, AMOUNT_HEDGES[qualifier])} {quote}", value, qualifier
    return quote, value, "exact"


def money_range(rng: random.Random, outlet: Outlet) -> tuple[str, float, float, float]:
    """(quote, midpoint, lower, upper): 'between £2m and £3m'."""
    a, b = _small_range(rng)
    suffix, scale = _choice(rng, (("m", 1e6), ("bn", 1e9)))
    s = outlet.currency
    return f"between {s}{a}{suffix} and {s}{b}{suffix}", (a + b) / 2 * scale, a * scale, b * scale


def fraction_figure(
    rng: random.Random, qualifiers: tuple[str, ...] = ("approx", "more_than")
) -> tuple[str, float, str]:
    """(quote, value, qualifier): 'one fifth', 'a third', 'nearly half', 'three in 10'."""
    words, value = _choice(rng, FRACTIONS)
    if qualifiers and rng.random() < 0.35:
        qualifier = _choice(rng, qualifiers)
        if " in " in words:  # "more than one in five" reads badly
            qualifier = "approx"
        return f"{_choice(rng, FRACTION_HEDGES[qualifier])} {words}", value, qualifier
    return words, value, "exact"


# --------------------------------------------------------------------------------------------
# Sentences: templates with the figures' quotes as {Q} (or {Q1}, {Q2}); the other slots come
# from the story.

TOKEN = re.compile(r"\{(\w+)\}")
# A plain integer does not start a sentence: after "...in the year to November." the extractor
# reads "193 libraries" as a day of the month, after "...on Monday." as part of a name.
PLAIN_INTEGER = re.compile(r"\d+(?![\d,.])")

COUNT_TEMPLATES = (
    "{Inst} said {Q} {noun} {verb} {period}.",
    "{Q} {noun} {verb} {period}, according to {inst}.",
    "Figures from {inst} show that {Q} {noun} {verb} {period}.",
    "In {place}, {Q} {noun} {verb} {period}, {inst} said on {weekday}.",
    "A report by {inst} found that {Q} {noun} {verb} {period}.",
    "{person}, {role}, said {Q} {noun} {verb} {period}.",
    "According to {inst}, {Q} {noun} {verb} {period}.",
    "Data released on {weekday} showed that {Q} {noun} {verb} {period}.",
    "{Inst} estimates that {Q} {noun} {verb} {period}.",
    "The latest count shows that {Q} {noun} {verb} {period}.",
)
COUNT_TEMPLATES_INSIDE = tuple(t for t in COUNT_TEMPLATES if not t.startswith("{Q"))
STANDFIRST_TEMPLATES = (  # the quote inside, so that the body can repeat it word for word
    "{Inst} says {Q} {noun} {verb} {period}.",
    "New figures show that {Q} {noun} {verb} {period}.",
    "In {place}, {Q} {noun} {verb} {period}, {inst} says.",
)
CHANGE_PERCENT_EXACT = (  # after "a": unhedged
    "That is a {Q} increase on {year_prev}, {inst} said.",
    "The total marks a {Q} rise on the previous year.",
)
CHANGE_PERCENT_ANY = (
    "The total has risen by {Q} since {year_prev}.",
    "That is up {Q} on a year earlier, the figures show.",
)
CHANGE_AS_MANY = (
    "That is {Q} as in {year_prev}, {inst} said.",
    "There were {Q} as in {year_prev}, the figures show.",
)
CHANGE_VERB = (
    "The number has {Q} since {year_prev}.",
    "The total has {Q} since {year_prev}, {inst} said.",
)
PART_TEMPLATES = (
    "Of those, {Q} {part}.",
    "{Q} of them {part}, {inst} said.",
    "Among them, {Q} {part}, according to {inst}.",
)
SHARE_TEMPLATES = (
    "{Q} of them {part}, according to the same figures.",
    "{Inst} said {Q} of them {part}.",
)
PERCENT_TEMPLATES = (
    "{Rate} stood at {Q} {period}, {inst} said.",
    "{Inst} said {rate} had reached {Q} {period}.",
    "{Rate} was {Q} {period}, according to {inst}.",
    "Figures from {inst} put {rate} at {Q}.",
    "{Rate} rose to {Q} {period}, the figures show.",
    "{person}, {role}, said {rate} had fallen to {Q}.",
)
PERCENT_RANGE_TEMPLATES = (
    "{Inst} expects {rate} to reach {Q} by {year_next}.",
    "Analysts put {rate} at {Q} {period}.",
)
SURVEY_TEMPLATES = (  # {of} is " of", or nothing after "one in five"
    "In a survey by {inst}, {Q}{of} {surveyed} {finding}.",
    "{Q}{of} {surveyed} {finding}, a survey by {inst} found.",
    "A poll for {outlet} found that {Q}{of} {surveyed} {finding}.",
)
MONEY_TEMPLATES = (
    "{Inst} has set aside {Q} for {spending}.",
    "{Inst} said it would spend {Q} on {spending} {future}.",
    "{Spending} will cost {Q}, according to {inst}.",
    "{person}, {role}, said {Q} had been approved for {spending}.",
    "Ministers pledged {Q} for {spending} {future}.",
    "The plan includes {Q} for {spending}, {inst} said on {weekday}.",
)
AS_MANY_TEMPLATES = (
    "{Q} {noun} {verb} this year as in {year_prev}, {inst} said.",
    "{Inst} said {Q} {noun} {verb} this year as in {year_prev}.",
)
VERB_TEMPLATES = (
    "The number of {what} has {Q} since {year_prev}, {inst} said.",
    "Since {year_prev}, the number of {what} has {Q}.",
)
PERIODS = (
    "since {month_name}", "this year", "over the past year", "so far this year",
    "in the year to {month_name}", "since {year_prev}", "in the past year",
    "since the start of {year}",
)  # fmt: skip
FUTURE_PERIODS = ("over the next decade", "by {year_next}", "next year", "before the winter")


@dataclass(slots=True)
class Story:
    """What an article is about: the slots its sentences are filled from."""

    rng: random.Random
    outlet: Outlet
    beat: Beat
    place: str
    year: int
    month: int
    day: int
    slots: dict[str, str]
    pools: dict[int, list[str]] = field(default_factory=dict)

    def pick(self, options: tuple[str, ...] | list[str], figure: Draft | None = None) -> str:
        """One of options, each used once before any is used again in this article; none that
        starts with the figure's quote when that is a plain integer (see PLAIN_INTEGER)."""
        pool = self.pools.get(id(options))
        if not pool:
            pool = self.pools[id(options)] = list(options)
        if figure is not None and PLAIN_INTEGER.match(figure.quote):
            inside = [i for i, template in enumerate(pool) if not template.startswith("{Q")]
            if not inside:
                return next(t for t in options if not t.startswith("{Q"))
            i = inside[int(self.rng.random() * len(inside))]
        else:
            i = int(self.rng.random() * len(pool))
        pool[i], pool[-1] = pool[-1], pool[i]
        return pool.pop()

    def person(self) -> str:
        return f"{_choice(self.rng, FIRST_NAMES)} {_choice(self.rng, LAST_NAMES)}"

    def slot(self, name: str, extra: dict[str, str]) -> str:
        """The text of a slot; people, institutions and periods are drawn afresh each time."""
        if name in extra:
            return extra[name]
        if name in ("inst", "Inst"):
            text = self.pick(self.beat.institutions)
            return _capital(text) if name == "Inst" else text
        if name == "role":
            return self.pick(self.beat.roles)
        if name == "person":
            return self.person()
        if name == "quote":
            return self.pick(QUOTES)
        if name == "weekday":
            return _choice(self.rng, WEEKDAYS)
        if name == "outlet":
            return self.outlet.name
        if name == "future":
            return self.fill(_choice(self.rng, FUTURE_PERIODS))
        if name == "period":
            return self.fill(_choice(self.rng, PERIODS))
        return self.slots[name]

    def fill(self, template: str, **extra: str) -> str:
        """The template with its slots filled."""
        parts = _parsed(template)
        return "".join(
            [part if i % 2 == 0 else self.slot(part, extra) for i, part in enumerate(parts)]
        )


_PARSED: dict[str, list[str]] = {}
T = TypeVar("T")


def _parsed(template: str) -> list[str]:
    """The template as [text, slot name, text, slot name, ..., text], parsed once."""
    parts = _PARSED.get(template)
    if parts is None:
        parts = _PARSED[template] = TOKEN.split(template)
    return parts


def _choice(rng: random.Random, options: Sequence[T]) -> T:
    """rng.choice, for less: one call to random() instead of several to getrandbits()."""
    return options[int(rng.random() * len(options))]


@dataclass(slots=True)
class Sentence:
    """A sentence as text pieces and the figures between them, and its length."""

    pieces: list[str | Draft]
    figures: list[Draft]
    size: int


def sentence(story: Story, template: str, *figures: Draft, **extra: str) -> Sentence:
    """The template filled; {Q}, {Q1}, {Q2} become the figures' quotes, capitalised when the
    sentence starts with one."""
    pieces: list[str | Draft] = []
    text: list[str] = []  # the text since the last figure
    for i, part in enumerate(_parsed(template)):
        if i % 2 == 0:
            text.append(part)
        elif part[0] != "Q":
            text.append(story.slot(part, extra))
        else:
            figure = figures[int(part[1:] or 1) - 1]
            before = "".join(text)
            if before:
                pieces.append(before)
            else:  # the sentence starts with it
                figure.quote = _capital(figure.quote)
            pieces.append(figure)
            text = []
    if text:
        pieces.append("".join(text))
    size = sum(len(p) if isinstance(p, str) else len(p.quote) for p in pieces)
    return Sentence(pieces, list(figures), size)


def plain(text: str) -> Sentence:
    return Sentence([text], [], len(text))


# --------------------------------------------------------------------------------------------
# An article

Relation = tuple[str, Draft, Draft, str | None]  # (type, subject, object, note)


def _ordinal(n: int) -> str:
    """4th, 21st, 32nd, 43rd, 11th."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _story(rng: random.Random) -> Story:
    outlet, beat, place = _choice(rng, OUTLETS), _choice(rng, BEATS), _choice(rng, PLACES)
    year, month, day = rng.randint(2012, 2024), rng.randint(1, 12), rng.randint(1, 28)
    slots = {
        "place": place,
        "year": str(year),
        "year_prev": str(year - 1),
        "year_past": str(year - rng.randint(3, 9)),
        "year_next": str(year + rng.randint(1, 5)),
        "month_name": MONTHS[(month - 2) % 12],
        "month": MONTHS[rng.randint(0, 11)],
        "day": str(rng.randint(1, 28)),
        "iso": f"{year}-{month:02d}-{max(1, day - 1):02d}",
        "ordinal": _choice(rng, ORDINAL_WORDS),
        "nth": _ordinal(rng.randint(4, 60)),
        "nth_small": _ordinal(rng.randint(2, 9)),
        "decade": str(_choice(rng, (1970, 1980, 1990))),
    }
    return Story(rng, outlet, beat, place, year, month, day, slots)


def _unit(counted: Counted) -> str:
    """'patients'; 'calls' for 'ambulance calls'; 'lorries' for 'lorries of grain'."""
    words = counted.noun.split()
    return words[0] if "of" in words else words[-1]


def _lead(story: Story, relations: list[Relation]) -> list[list[Sentence]]:
    """The lead: a count, perhaps restated by the standfirst, and what the text says of it (a
    change, a part, a share), as paragraphs. Related figures are exact or approx, so that the
    derived metrics have finite intervals."""
    rng, outlet, slots = story.rng, story.outlet, story.slots
    counted = _choice(rng, story.beat.counted)
    period = story.fill("{period}")
    quote, value, qualifier = count_figure(rng, counted.low, counted.high, ("approx",))
    lead = Draft("lead", quote, value, "count", _unit(counted), qualifier, counted.what,
                 where=story.place, period=period)  # fmt: skip
    context = {"noun": counted.noun, "verb": counted.verb, "period": period}
    paragraphs: list[list[Sentence]] = []
    if rng.random() < 0.4:  # the standfirst states the lead figure in the same words
        again = replace(lead, key="standfirst")
        paragraphs.append([sentence(story, story.pick(STANDFIRST_TEMPLATES), again, **context)])
        template = story.pick(COUNT_TEMPLATES_INSIDE)
        relations.append(("same_quantity", again, lead, "The standfirst restates the figure."))
    else:
        template = story.pick(COUNT_TEMPLATES, lead)
    first = [sentence(story, template, lead, **context)]
    change_period = f"{slots['year_prev']} to {story.year}"
    roll = rng.random()
    if roll < 0.35:
        exact = rng.random() < 0.5
        quote, value, qualifier = percent_figure(
            rng, outlet.percent, 3, 180, qualifiers=() if exact else ("approx",)
        )
        change = Draft("change", quote, value, "percent", "percent", qualifier,
                       f"increase in {counted.what} on {slots['year_prev']}",
                       where=story.place, period=change_period)  # fmt: skip
        template = story.pick(CHANGE_PERCENT_EXACT if exact else CHANGE_PERCENT_ANY)
        first.append(sentence(story, template, change))
        relations.append(("percent_change", change, lead, None))
    elif roll < 0.6:
        as_many = rng.random() < 0.5
        quote, value = _choice(rng, MULTIPLIERS_AS_MANY if as_many else MULTIPLIER_VERBS)
        change = Draft("change", quote, float(value), "multiplier", "times", "exact",
                       f"{counted.what}, {story.year} against {slots['year_prev']}",
                       where=story.place, period=change_period)  # fmt: skip
        first.append(
            sentence(story, story.pick(CHANGE_AS_MANY if as_many else CHANGE_VERB), change)
        )
        relations.append(("multiple_of", change, lead, None))
    paragraphs.append(first)
    follow: list[Sentence] = []
    parts = list(counted.parts)
    rng.shuffle(parts)
    if rng.random() < 0.5 and lead.value >= 50:
        predicate, what = parts.pop()
        high = max(10, int(lead.value * rng.uniform(0.15, 0.55)))
        quote, value, qualifier = count_figure(rng, max(2, high // 3), high, ("approx",))
        if value * 1.1 <= lead.value * 0.9:  # the part's interval lies below the whole's
            part = Draft("part", quote, value, "count", lead.unit, qualifier, what,
                         where=story.place, period=period)  # fmt: skip
            follow.append(sentence(story, story.pick(PART_TEMPLATES, part), part, part=predicate))
            relations.append(("part_of", part, lead, None))
    if rng.random() < 0.5 and parts:
        predicate, what = parts.pop()
        quote, value, qualifier = fraction_figure(rng, ("approx",))
        share = Draft("share", quote, value, "ratio", "fraction", qualifier, what,
                      of_whom=counted.what, where=story.place, period=period)  # fmt: skip
        follow.append(sentence(story, story.pick(SHARE_TEMPLATES), share, part=predicate))
        relations.append(("share_of", share, lead, None))
    if follow:
        paragraphs.append(follow)
    return paragraphs


def _independent(story: Story) -> Sentence:
    """A sentence with one figure of a form drawn at random, related to no other."""
    rng, beat, outlet, where = story.rng, story.beat, story.outlet, story.place
    roll = rng.random()
    if roll < 0.34:  # a count: hedged or not, in words, scaled, or a range
        counted = _choice(rng, beat.counted)
        period = story.fill("{period}")
        if rng.random() < 0.15:
            quote, value, lower, upper = count_range(rng, counted.low, counted.high)
            figure = Draft("count", quote, value, "count", _unit(counted), "approx",
                           counted.what, where=where, period=period, lower=lower,
                           upper=upper)  # fmt: skip
        else:
            quote, value, qualifier = count_figure(rng, counted.low, counted.high)
            figure = Draft("count", quote, value, "count", _unit(counted), qualifier,
                           counted.what, where=where, period=period)  # fmt: skip
        template = story.pick(COUNT_TEMPLATES, figure)
        return sentence(story, template, figure, noun=counted.noun, verb=counted.verb,
                        period=period)  # fmt: skip
    if roll < 0.52:  # a rate, in percent
        rate, what = _choice(rng, beat.rates)
        period = story.fill("{period}")
        if rng.random() < 0.15:
            quote, value, lower, upper = percent_range(rng, outlet.percent)
            figure = Draft("rate", quote, value, "percent", "percent", "approx", what,
                           where=where, period=period, lower=lower, upper=upper)  # fmt: skip
            template = story.pick(PERCENT_RANGE_TEMPLATES)
        else:
            quote, value, qualifier = percent_figure(rng, outlet.percent)
            figure = Draft("rate", quote, value, "percent", "percent", qualifier, what,
                           where=where, period=period)  # fmt: skip
            template = story.pick(PERCENT_TEMPLATES)
        return sentence(story, template, figure, rate=rate, Rate=_capital(rate), period=period)
    if roll < 0.64:  # a survey: a share in percent or in words
        surveyed, finding = _choice(rng, beat.surveyed), _choice(rng, beat.findings)
        what = f"{surveyed} who {finding}"
        if rng.random() < 0.5:
            quote, value, qualifier = percent_figure(rng, outlet.percent, 5, 90)
            figure = Draft("survey", quote, value, "percent", "percent", qualifier, what,
                           of_whom=surveyed, where=where)  # fmt: skip
        else:
            quote, value, qualifier = fraction_figure(rng)
            figure = Draft("survey", quote, value, "ratio", "fraction", qualifier, what,
                           of_whom=surveyed, where=where)  # fmt: skip
        of = "" if " in " in quote else " of"
        template = story.pick(SURVEY_TEMPLATES, figure)
        return sentence(story, template, figure, surveyed=surveyed, finding=finding, of=of)
    if roll < 0.86:  # money
        spending, what = _choice(rng, beat.spending)
        if rng.random() < 0.12:
            quote, value, lower, upper = money_range(rng, outlet)
            figure = Draft("money", quote, value, "money", outlet.currency_code, "approx", what,
                           where=where, lower=lower, upper=upper)  # fmt: skip
        else:
            quote, value, qualifier = money_figure(rng, outlet, 50_000, 9e9)
            figure = Draft("money", quote, value, "money", outlet.currency_code, qualifier,
                           what, where=where)  # fmt: skip
        return sentence(story, story.pick(MONEY_TEMPLATES), figure, spending=spending,
                        Spending=_capital(spending))  # fmt: skip
    counted = _choice(rng, beat.counted)  # a multiplier of a count the text does not state
    as_many = rng.random() < 0.5
    quote, value = _choice(rng, MULTIPLIERS_AS_MANY if as_many else MULTIPLIER_VERBS)
    figure = Draft("multiplier", quote, float(value), "multiplier", "times", "exact",
                   f"{counted.what}, {story.year} against {story.slots['year_prev']}",
                   where=where, period=f"{story.slots['year_prev']} to {story.year}")  # fmt: skip
    template = story.pick(AS_MANY_TEMPLATES if as_many else VERB_TEMPLATES)
    return sentence(story, template, figure, noun=counted.noun, verb=counted.verb,
                    what=counted.what)  # fmt: skip


def _filler(story: Story) -> Sentence:
    """A sentence with no figure: context, a quote, or a year, date or ordinal; none twice."""
    return plain(story.fill(story.pick(FILLERS[story.beat.key])))


def _article(seed: int, index: int, curated: bool) -> GeneratedArticle:
    rng = random.Random(f"benchmarks.generate:{seed}:{index}")
    story = _story(rng)
    relations: list[Relation] = []
    paragraphs = _lead(story, relations)
    lead_figures = sum(len(s.figures) for p in paragraphs for s in p)
    wanted = rng.randint(FIGURES_MIN, FIGURES_MAX)
    others = [_independent(story) for _ in range(max(0, wanted - lead_figures))]
    size = sum(s.size + 2 for p in paragraphs for s in p) + sum(s.size + 2 for s in others)
    while size > BODY_MAX - 150 and lead_figures + len(others) > FIGURES_MIN:
        size -= others.pop().size + 2
    target = rng.randint(BODY_MIN + 200, BODY_MAX - 400)
    fillers = []
    while size < target:
        fillers.append(_filler(story))
        size += fillers[-1].size + 2
    rest: list[Sentence] = others + fillers
    rng.shuffle(rest)
    while rest:
        take = rng.randint(2, 4)
        paragraphs.append(rest[:take])
        rest = rest[take:]
    return _assemble(story, seed, index, paragraphs, relations, curated)


def _assemble(
    story: Story,
    seed: int,
    index: int,
    paragraphs: list[list[Sentence]],
    relations: list[Relation],
    curated: bool,
) -> GeneratedArticle:
    """Join the sentences into a body, noting where each figure's quote starts."""
    parts: list[str] = []
    starts: list[tuple[Draft, int]] = []
    position = 0
    for number, paragraph in enumerate(paragraphs):
        if number:
            parts.append("\n\n")
            position += 2
        for count, item in enumerate(paragraph):
            if count:
                parts.append(" ")
                position += 1
            for piece in item.pieces:
                if isinstance(piece, Draft):
                    starts.append((piece, position))
                    piece = piece.quote
                parts.append(piece)
                position += len(piece)
    body = "".join(parts) + "\n"
    figures = []
    ids: dict[int, str] = {}
    for n, (draft, start) in enumerate(starts, 1):
        occurrence, found = 1, body.find(draft.quote)
        while found != start:  # as core.resolve.locate counts: every match, overlapping too
            occurrence, found = occurrence + 1, body.find(draft.quote, found + 1)
        ids[id(draft)] = f"{draft.key}_{n}"
        figures.append(
            PlantedFigure(
                ids[id(draft)],
                draft.quote,
                occurrence,
                start,
                draft.value,
                draft.kind,
                draft.unit,
                draft.qualifier,
                draft.what,
                draft.of_whom,
                draft.where,
                draft.period,
                draft.lower,
                draft.upper,
            )
        )
    implied = f"in {story.slots['year_prev']}, implied by the change"
    planted = tuple(
        PlantedRelation(
            f"{kind}_{n}",
            kind,
            ids[id(subject)],
            ids[id(obj)],
            note=note,
            baseline=f"{obj.what} {implied}" if kind in ("percent_change", "multiple_of") else None,
        )
        for n, (kind, subject, obj, note) in enumerate(relations, 1)
    )
    front, slug = _front_matter(story, seed, index)
    figures_text = _figures_file(story, figures, planted) if curated else None
    return GeneratedArticle(slug, front + body, len(front), figures_text, tuple(figures), planted)


SLUG_CHARACTERS = re.compile(r"[^a-z0-9]+")


def _slug(text: str) -> str:
    return SLUG_CHARACTERS.sub("-", text.lower()).strip("-")


def _front_matter(story: Story, seed: int, index: int) -> tuple[str, str]:
    """The front matter, and the article's slug: gen-<seed>-<index>-<beat>-<place>."""
    rng, outlet = story.rng, story.outlet
    title = _choice(rng, story.beat.titles).format(place=story.place)
    slug = f"gen-{_slug(str(seed))}-{index:06d}-{story.beat.key}-{_slug(story.place)}"
    lines = [
        "---",
        f"title: {_yaml_text(title)}",
        f"outlet: {_yaml_text(outlet.name)}",
        f"author: {_yaml_text(story.person())}",
    ]
    if rng.random() < 0.7:
        lines.append(
            f"url: https://{outlet.domain}/{story.year}/{story.month:02d}/{_slug(title)}-{index}"
        )
    lines += [
        f'published: "{story.year}-{story.month:02d}-{story.day:02d}"',
        "language: en",
        "notes: Generated by benchmarks/generate.py; the text and its figures are made up.",
        "---",
        "",
    ]
    return "\n".join(lines), slug


PLAIN_YAML = re.compile(r"[A-Za-z][\w ,.'()/-]*")
YAML_WORDS = frozenset({"yes", "no", "on", "off", "true", "false", "null", "y", "n", "~"})


def _yaml_text(text: str) -> str:
    """A YAML scalar for text: plain when it reads back as the same string, else quoted."""
    if PLAIN_YAML.fullmatch(text) and text.lower() not in YAML_WORDS and not text.endswith(" "):
        return text
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar


def _yaml_number(value: float) -> str:
    if float(value).is_integer() and abs(value) < 1e15:
        return str(int(value))
    text = repr(float(value))
    if "e" in text or "." not in text:  # YAML 1.1 reads "1e-05" as a string
        raise ValueError(f"cannot write {value!r} as a YAML float")
    return text


def _figures_file(
    story: Story, figures: list[PlantedFigure], relations: tuple[PlantedRelation, ...]
) -> str:
    """The figures file, laid out as data/articles/*.figures.yaml."""
    lines = [
        f"# Curated figures of a generated {story.beat.key} article ({story.outlet.name}),",
        "# written by benchmarks/generate.py. Each figure quotes the body verbatim;",
        "# `occurrence` picks the n-th match when a quote repeats. Values are in the figure's",
        "# unit: 116 for '116 percent', 0.2 for 'one fifth', the midpoint for a range.",
        "",
        "figures:",
    ]
    for figure in figures:
        lines += [f"  - id: {figure.id}", f"    quote: {_yaml_text(figure.quote)}"]
        if figure.occurrence > 1:
            lines.append(f"    occurrence: {figure.occurrence}")
        lines += [
            f"    value: {_yaml_number(figure.value)}",
            f"    kind: {figure.kind}",
            f"    unit: {_yaml_text(figure.unit)}",
            f"    qualifier: {figure.qualifier}",
            "    measure:",
            f"      what: {_yaml_text(figure.what)}",
        ]
        for key in ("of_whom", "where", "period"):
            value = getattr(figure, key)
            if value:
                lines.append(f"      {key}: {_yaml_text(value)}")
        lines.append("")
    if relations:
        lines.append("relations:")
        for relation in relations:
            lines += [
                f"  - id: {relation.id}",
                f"    type: {relation.type}",
                f"    subject: {relation.subject}",
                f"    object: {relation.object}",
            ]
            if relation.baseline:
                lines.append(f"    baseline: {_yaml_text(relation.baseline)}")
            if relation.note:
                lines.append(f"    note: {_yaml_text(relation.note)}")
            lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


# --------------------------------------------------------------------------------------------
# Public API and command line


def is_curated(index: int, curated_share: float) -> bool:
    """Whether article index gets a figures file: spread evenly, floor(n x share) of the first n."""
    return math.floor((index + 1) * curated_share) > math.floor(index * curated_share)


def generate(
    n: int, seed: int = 0, curated_share: float = 0.1, start: int = 0
) -> Iterator[GeneratedArticle]:
    """Articles start .. start + n - 1 of the corpus of seed, one at a time."""
    if not 0 <= curated_share <= 1:
        raise ValueError(f"curated_share must lie in [0, 1], not {curated_share}")
    for index in range(start, start + n):
        yield _article(seed, index, is_curated(index, curated_share))


def write(
    out_dir: Path | str,
    n: int,
    seed: int = 0,
    curated_share: float = 0.1,
    start: int = 0,
    workers: int | None = None,
) -> tuple[int, int]:
    """Write articles start .. start + n - 1, and their figures files, into out_dir (created if
    need be), in `workers` processes (default: one per CPU, one for small n). The files are the
    same whatever the number of workers. Returns (articles written, figures files written)."""
    folder = Path(out_dir)
    folder.mkdir(parents=True, exist_ok=True)
    if workers is None:
        workers = (os.cpu_count() or 1) if n >= 2000 else 1
    if workers <= 1:
        return n, _write_range(folder, seed, curated_share, start, start + n)
    step = -(-n // (workers * 4))  # a few chunks per worker, so that none waits long at the end
    bounds = [(i, min(i + step, start + n)) for i in range(start, start + n, step)]
    with ProcessPoolExecutor(workers) as pool:
        jobs = [pool.submit(_write_range, folder, seed, curated_share, a, b) for a, b in bounds]
        return n, sum(job.result() for job in jobs)


def _write_range(folder: Path, seed: int, curated_share: float, start: int, stop: int) -> int:
    curated = 0
    for article in generate(stop - start, seed, curated_share, start):
        (folder / f"{article.slug}.md").write_bytes(article.text.encode("utf-8"))
        if article.figures_text is not None:
            figures_file = folder / f"{article.slug}.figures.yaml"
            figures_file.write_bytes(article.figures_text.encode("utf-8"))
            curated += 1
    return curated


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.generate", description=__doc__.splitlines()[0]
    )
    parser.add_argument("out_dir", type=Path, help="folder to write the articles into")
    parser.add_argument("--articles", type=int, required=True, metavar="N", help="how many")
    parser.add_argument("--seed", type=int, default=0, help="same seed, same files (default 0)")
    parser.add_argument(
        "--curated-share",
        type=float,
        default=0.1,
        metavar="SHARE",
        help="share of the articles that get a .figures.yaml file (default 0.1)",
    )
    parser.add_argument(
        "--start", type=int, default=0, help="index of the first article (default 0)"
    )
    parser.add_argument(
        "--workers", type=int, default=None, help="processes (default: one per CPU)"
    )
    args = parser.parse_args(argv)
    if args.articles < 0 or not 0 <= args.curated_share <= 1:
        parser.error("--articles must be >= 0 and --curated-share in [0, 1]")
    started = time.perf_counter()
    articles, curated = write(
        args.out_dir, args.articles, args.seed, args.curated_share, args.start, args.workers
    )
    print(
        f"wrote {articles} articles ({curated} with a figures file) to {args.out_dir} "
        f"in {time.perf_counter() - started:.1f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
