-- wrk script: a mixed corpus of HR questions (Dutch and English, every kind of answer, some with amounts or
-- durations that run the recognizers, some out of scope), spread over 5,000 conversations so state is read and
-- written as in real use. Each request is one turn with deliveryMode expectReplies.
local questions = {
  {"nl-NL", "hoe schaars zijn ze?"}, {"nl-NL", "wat verdienen senior developers?"}, {"nl-NL", "waar vind ik senior developers?"},
  {"nl-NL", "geef me een samenvatting"}, {"nl-NL", "welke vacaturesites gebruiken ze?"}, {"nl-NL", "hoe benader ik ze?"},
  {"nl-NL", "wat vinden ze belangrijk in een baan?"}, {"nl-NL", "hoeveel vacatures zijn er?"}, {"nl-NL", "hoe oud zijn ze en hoeveel vrouwen?"},
  {"nl-NL", "welke strategie past: actief of latent?"}, {"nl-NL", "en wat verdienen ze?"}, {"nl-NL", "hoeveel uur willen ze werken?"},
  {"nl-NL", "wij bieden 4.200 euro bruto per maand bij 36 uur"}, {"nl-NL", "een uur reizen, is dat te veel?"}, {"nl-NL", "hoeveel vakantiedagen heb ik nog"},
  {"nl-NL", "wie zijn mijn concurrenten?"}, {"nl-NL", "welke apps gebruiken ze?"}, {"nl-NL", "en voor junioren in Rotterdam?"},
  {"en-US", "what salary should we offer?"}, {"en-US", "how hard is it to hire a senior developer?"}, {"en-US", "which channels do they use?"},
  {"en-US", "give me a summary"}, {"en-US", "what are their hobbies?"}, {"en-US", "which employment conditions matter most?"},
  {"en-US", "we offer EUR 52,000 a year"}, {"en-US", "is a 50 minute commute ok?"}, {"en-US", "where do the figures come from?"},
  {"en-US", "how many are actively looking?"}, {"en-US", "what are the critical recruitment factors?"}, {"en-US", "tell me a joke"},
  {"en-US", "and in english?"}, {"en-US", "does a referral programme work?"},
}
local template = '{"type":"message","id":"a%d","channelId":"loadtest","serviceUrl":"http://127.0.0.1:9/","from":{"id":"user-%d","name":"HR"},"recipient":{"id":"advisorbot","name":"AdvisorBot"},"conversation":{"id":"conv-%d"},"locale":"%s","text":"%s","deliveryMode":"expectReplies"}'
local headers = { ["Content-Type"] = "application/json" }
local counter = 0

function setup(thread)
  thread:set("offset", math.random(1, 100000))
end

function request()
  counter = counter + 1
  local q = questions[(counter + (offset or 0)) % #questions + 1]
  local conversation = (counter * 7919 + (offset or 0)) % 5000
  return wrk.format("POST", nil, headers, string.format(template, counter, conversation, conversation, q[1], q[2]))
end
