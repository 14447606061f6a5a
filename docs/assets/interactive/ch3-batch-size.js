// Chapter 3's figure: batch, mini-batch and stochastic descent on one data set.
//
// First part: pure functions that Node runs (tests/test_interactive_ch3.py
// compares them with gdbook). The shuffles are NumPy's own: SeedSequence,
// the PCG64 generator (128-bit state, in BigInt) and Generator.permutation's
// Fisher-Yates with its bounded integers, so that seed s gives the batches
// of gdbook.descent.batches with np.random.default_rng(s). The descent is
// gdbook.descent.minibatch_descent with linear_mse_grad and linear_mse, the
// same operations in the same order. Second part: the drawing; it does
// nothing on a page without its root.
"use strict";

// `var`, not `const`: Material's instant navigation runs this script again
// each time a reader comes back to the page, and a second `const` of the
// same name would throw.
var gdbookCh3 = (() => {
  // BEGIN DATA: written by `python tests/test_interactive_ch3.py --write` from
  // gdbook.figures.descent.teacher_data(); the test fails if it differs.
  const DATA = {"x1":[0.1257302210933933,0.6404226504432821,-0.535669373161111,1.3040000451301372,-0.7037352358069926,-0.6232744625373522,-2.3250307746388343,-1.2459109472530652,-0.5442589828573099,0.4116305363741328,-0.12853466294403426,-0.6651946734866135,0.9034701816518086,-0.7434992493538084,-0.45772582566733916,-1.009618183538736,-0.15922500991447772,0.2146591225063409,-0.6538286094183394,0.7839754700613295,-1.2590655321041202,1.3458754237823045,0.2644556303293035,1.4580206835369587,1.801634869866125,0.357380410658956,-0.004454133120083229,-1.2883614637495544,0.42986369482223,-1.184117966757189,-0.43643524714322124,1.739367877130134,0.3289696294602021,1.5834728788021222,0.6333526228249152,0.05202897425988651,1.0039615758421696,1.8220113633283233,-0.6615280218152191,0.049054613825311656,0.18851919251246557,-0.37756350523280824,-1.277680166386608,0.5811658124128057,-0.7546057912599311,-0.2873877078086663,-0.4327858471825968,0.24978537155866684,0.16100957671534466,-1.341219714076669,0.5026828498748657,-0.1642945926252907,0.8730421526217066,-0.7130680950592722,-2.2501411735745918,-0.5816408364095031,-0.07570152622082311,0.6941719367070082,1.4209820223119163,0.843732662303268,0.7875882217058694,0.07559361074288512,-0.13504510003701392,-1.4227417685154136,-0.5685494541476426,-1.0430010800715654,0.35867194917034445,-0.013914668524093734,1.4022648267725224,-2.3653039062769743,0.33962000824864264,0.37122741773625884,0.3194142202523809,-1.9016352983759945,-0.8037318485206766,-0.2887665059953775,-0.8496059556101431,-0.011533061686586776,0.3006851142946058,-1.1857198050052338,0.513052133880305,-0.5300084132181584,1.816475940881144,0.08661926298854213,1.6473390663560998,1.066934867005179,0.9166547888245957,0.6131890778590062,-1.473887948041959,-1.934959636609707,-0.20452248839966083,0.6131231363365798,-0.4368683255972816,-0.47657904055841377,0.35145507618731386,-1.9442649759855442,1.0868307847683634,-0.2831250656795347,-1.2826492440738984,-0.47258767675848407,-0.663535198304047,-1.6051493968851136,0.8061393585150219,0.16333994554129863,-0.4718131547409021,0.13573073406713437,-0.7871927421571577,-0.19550582783310236,-0.0072113596587564995,-0.8676167643217026,-0.07734505972421603,-0.6486006079033346,-0.5000084331847482,1.0023982728439578,-0.47221594277604334,-0.6999665423133247,1.2043962915330844,-1.256138069727733,-1.768511857086917,-3.1063368012832915,1.2969153998005238,0.8545842348534083,1.760667296993123,-0.3820022921434805,-0.3244718562854392,0.2019100019601099,1.066324553166257,0.8047169314794976,-0.6676872919350705,-0.8307519568543374,-0.7041395622801669,-1.0658380219633747,-0.005876026696904225,-0.6104866460656994,-1.416489366414042,2.755807558275951,-0.7814240416773149,-0.9755828305996581,0.034727788359190326,-1.2865744667376442,0.4516854512950959,-0.22066120781608659,-2.9360454460171126,-1.070544409695766,-0.6402624053903738,-1.170530808407683,0.6398520751723783,-0.958933707794222,-0.2916324304147521,-1.2609602800655342,1.203258954116498,0.5583399616951433,0.2606297490669398,-0.1470455068463331,0.0553649749135539,-0.263788160540625,1.2297538109392712,1.0301551978238768,-0.8043056452824273,-0.9199936028121969,0.3479017619704715,-1.102218299054223,0.9573856068419316,0.41835250088922316,0.06756920600942723,0.2940421429749802,0.6441905231896892,0.3586080676493852,0.3203611893741035,1.189154412488462,-1.0392388147791862,1.462842285184577,-0.24790845527908614,-0.19127666443013225,1.690568645339397,-1.5290928749284465,-0.39500987549879313,1.4748226520869099,-0.3674025993780988,0.8448887803757161,-1.3752024000527405,0.9468615879956256,-0.8186598515214158,0.12337843757618257,-0.7648739652865205,0.36456734382632344,0.7342475961853729,-1.0944963126296459,0.9426218402198768,0.22669885643799229,-1.0882117291190974,-0.8665073572768981,-0.7960867750951038,-0.9750001191003014,-1.0047872189929943,0.7948910679832192,-0.2072657954706782,0.5312512156361892,1.5941569003382141,0.36250249919104766],"x2":[-0.1321048632913019,0.10490011715303971,0.36159505490948474,0.9470809631292422,-1.2654214710460525,0.0413259793472436,-0.21879166393254573,-0.7322673547034516,-0.31630015636915454,1.0425133694426776,1.3664634705496859,0.3515100700930197,0.09401229776087457,-0.9217253762584194,0.2201951234700494,-0.20917557487171307,0.5408455846858077,0.3553727090399214,-0.12961363369276946,1.4934311452207607,1.5139237747390626,0.7813114007004275,-0.3139228145364278,1.9602583164499647,1.31510376473437,-1.2083186322821715,0.6564749350763358,0.39512206018200824,0.6960427239628685,-0.6617025720390349,-1.169801907772864,-0.4959107284421519,-0.258572545473924,1.3203609870818391,-2.2035098806466507,0.6836861907765345,-0.6179070447076008,-1.3204309700132935,0.9350499881140221,2.002392583645255,-0.6331940901922267,-1.0911461176191954,0.6304114907682319,1.294558819441117,1.689107452443673,1.5744082788445868,-0.735483292342275,1.0314530848694723,-0.5855288241233366,-1.401520214917428,0.989713033285805,-1.0743648582284346,-1.2803939447145731,0.6210178535400985,0.38636959756630584,0.10927969747781388,0.20211439504395987,-0.7583697508984092,0.726093788947765,1.1648639811110282,0.844078680578592,-1.4267738509897323,-0.7695146401767057,0.25845279091298756,-1.0298044380114637,0.26841707970891465,1.3224574697668332,1.0418397592128221,1.1501656361496921,1.228683719203421,0.42377135285334727,0.3827571602707609,-0.35891330853862047,-0.10891472790742324,1.0801634125378852,0.08347535610700986,-0.5106224678981267,-1.4853751842635452,-0.10607225344775092,-2.3982328653977714,-0.29758403894333035,-0.23615462985294203,-0.049800969059643194,-1.487072869675398,0.9174879834442943,0.0476727312116796,0.37094683509441023,-0.1521929584082903,1.028854347803183,-0.23993667125803605,-1.0428601409845046,-0.20032970140956835,0.5198417309776412,1.3889799748383085,-0.47433298683443925,-1.3077531969011476,-0.050604063111342405,1.643251614242697,-0.5856577998413593,0.5863372815313004,-0.6134178486140281,0.7293494040178566,-0.476376747401162,-1.2926461227593415,1.377950952722521,2.310363486795888,0.5802844167243075,0.5658178468280931,-0.5611981104091591,3.0660367390488967,-2.016660690233245,0.6780397271239971,1.3604462024852575,-0.1523386358242358,-1.0048010070276965,-1.473143074665625,1.5907007871260619,-1.1816829756864633,-0.963854230732174,-1.1422789566319196,-0.345672529464465,-0.4889690638420449,0.19921798301385701,2.552424025371081,-1.2212233497261362,-0.03883503855807973,-0.9216339244978112,0.8527484705742913,0.16324400572267767,2.3458080738406677,-0.4530744436687142,-0.3461212751731734,0.7677891353446865,-0.1857739586715857,-0.8274022267661552,1.0412431916947957,-1.3373972415282913,-0.02169085951373511,-0.7443606009308561,1.4223785052484463,-0.3745680195679353,-0.5295304591256691,0.1156618270926259,-1.0026842990328195,0.7323017147112972,-1.434281459674122,0.7543689046395509,0.5623976772929592,0.3012921765535601,0.8328944493608352,0.6370732356261833,-3.772275156122734,-0.025445316692543535,-0.63057798997102,0.41211740512833367,-0.46332413970987085,-1.1053671072691253,0.17681246373052467,-0.28998189606931385,0.6750645184094394,-0.5567961751531812,0.30171609350107054,-0.11383634938188146,-0.37602715054974273,-0.2912829113936885,-1.509772513035727,-0.2299324816033148,-0.340310127466209,-1.0725628041289215,-1.7035445876372979,0.23566606953963426,0.2781263018080308,-1.4250901432432643,-0.019877011042093756,0.6221252216057821,2.0267790952431928,-0.8794597147043167,-0.049755760296968106,0.2187859889352313,0.9933362044496503,1.9984814702717295,-0.37920106201315124,-0.9690124307582063,-0.6480162941896269,0.8112544049416356,-0.3945712584237112,1.3673786263056709,-0.6032918841422477,0.7189405658150543,1.1624211875584574,-1.479137833771104,0.12254409553604008,-0.48721815642469163,-0.6204291445949027,0.36746620574561295,-0.48044593951821124,-0.5810325725119153,0.08905603873921995,-1.0954720366375337,0.4439913996466691],"y":[0.20334521998263944,1.4677122474248963,-2.1521951257269256,2.7203206424956927,-0.8130712272111534,-0.8279712741394539,-4.991831224814734,-1.1841130241868023,-0.9646048226499664,-0.14004084311330628,-1.5968609185843872,-1.1315323695538493,1.5521543404712794,-2.048864977441169,-1.5156761698369445,-1.7182046306612846,-1.079529706949894,0.45885596163315934,-0.6703800871566752,0.0006338899519934826,-4.776877536138559,2.60252200186713,1.3843608252484438,0.8061874834904408,3.3423101806942563,1.7486417235537512,-1.2339430615256899,-3.04978170455662,0.7026015234344768,-2.1752600827466013,1.2725439523581459,3.5263833754163914,1.3937229425849482,2.1188159576239936,3.3931865965050694,-0.03936175289788291,1.8759308019578427,5.643239590136535,-2.289948046229581,-2.1755009809263886,1.3848194992371985,0.8659686139532008,-2.80087410822964,0.8675247159069878,-2.6579559969384863,-1.5074303782517164,-0.4000203706111759,-0.4786204532211238,1.1890392687167872,-1.289790331587557,0.1664702830505443,0.9588280560451377,3.448600208798754,-2.0979584890436547,-5.06155155241143,-1.6867191954050955,-0.7993836105567418,2.732939237985587,2.0736095116748414,0.9160735340407795,0.0824158396617708,0.6088770185559113,-0.025121175397303852,-2.5306228441890624,0.4267442496324083,-2.188399935926003,-1.0061986465061241,-1.1350704170439367,1.5054837774958865,-6.131778204805028,-0.997566255013878,-0.0692655177793417,0.9026873112022646,-2.936141973938519,-2.607255580013366,0.03943577503363904,-1.3854428977018824,1.3359647702664676,-1.2422683829902068,0.2584584249908133,1.5972361373736073,0.05801733819631216,3.4393722454255165,1.7073884737510057,2.0244261719073635,1.4980684703385378,1.105808759186302,1.206071852083409,-3.2989112295521945,-3.628876800674689,0.2385427593512452,1.4975148882035945,-1.2847927043921872,-2.680254083942616,1.7488599525238642,-3.5249512005582657,2.117493318606576,-1.8769687127871437,-2.6488569480448647,-1.35088576072658,-0.06720602289716315,-3.7128125656595996,1.2435754929427425,1.2552285001243144,-1.7054255609521938,-1.8897343961289725,-2.1595993702836105,-0.7362292051365529,0.9072998660945841,-5.155502885991298,1.7167705307483354,-1.9037841180972566,-2.632441929748417,2.090409402243524,0.7093050020666064,-0.4106999423070521,1.7814231505076772,-0.3909209750780095,-3.4298892024238152,-5.140905978491174,3.1108491138883525,1.8177019897956472,2.9515763591300246,-3.435136458025315,0.941868680711033,0.18698812300475237,3.9676299366403835,0.90167239355397,-1.5499062316344805,-3.2826821449836134,-0.6420640833614435,-1.600911380909789,-0.9451113801232575,-0.12820652651343822,-1.5996657111919355,4.36866625688475,-1.0140504171676903,-1.7429990308046204,0.2419461315984417,-4.853500414602895,1.1383631694242449,0.22894359478880708,-5.346512102285269,-0.9971786077160879,-1.6098167619066697,-1.5197215097528214,0.5140691569714272,-2.4181594332291505,-0.4534339450731089,-3.2967846727763948,2.171484151666749,4.6368554556244534,0.7256822679330015,0.5439201769055653,-0.9262753175945514,0.023517132912442215,3.404693465671964,0.9314539576092117,-0.8394260544248416,-2.6959810641859834,0.826404670031194,-2.6948110634564237,2.0977077146399052,1.966686894501759,0.34345472190944165,2.3340605474649427,2.2051032164315743,1.3243015284018758,2.247567261586524,3.8435984831387446,-1.928619035861018,2.618570268526277,1.4664788514296818,-0.8644561038142409,2.36923319245164,-4.450599058747394,-0.008602022577954158,2.8199207411185534,-0.9148049780163093,0.35169262762535136,-4.08291558611193,1.6483429121664501,-0.7436062714648278,1.0682495621931731,-2.3932258700479574,0.7225621733924175,-0.33307803231118543,-1.3730035282066322,0.6510628895413488,-0.3859021218249526,-1.4593598062897366,-2.1330503584481786,-1.086802382580643,-1.955647065328008,-2.0510352119683053,2.0609586688298984,-0.3515358592242124,0.21400227765796065,3.500991151627642,0.3065305713005905]};
  // END DATA
  const M = DATA.y.length;
  const EPOCHS = 20;
  const DIVERGED = 1e6; // a run stops at the first cost above this

  // -- NumPy's SeedSequence (32-bit words) and PCG64 ------------------------
  const INIT_A = 0x43b0d7e5;
  const MULT_A = 0x931e8875;
  const INIT_B = 0x8b51f9dd;
  const MULT_B = 0x58f38ded;
  const MIX_L = 0xca01f9dd;
  const MIX_R = 0x4973f715;
  const U64 = (1n << 64n) - 1n;
  const U128 = (1n << 128n) - 1n;
  const PCG_MULT = (2549297995355413924n << 64n) + 4865540595714422341n;

  /** The four 64-bit words SeedSequence(seed).generate_state(4, uint64) gives. */
  function seedWords(seed) {
    if (!(Number.isInteger(seed) && seed >= 0 && seed < 2 ** 32)) {
      throw new Error(`seed must be an integer in [0, 2**32); got ${seed}`);
    }
    let h = INIT_A;
    const hashmix = (v) => {
      v = (v ^ h) >>> 0;
      h = Math.imul(h, MULT_A) >>> 0;
      v = Math.imul(v, h) >>> 0;
      return (v ^ (v >>> 16)) >>> 0;
    };
    const mix = (x, y) => {
      const r = (Math.imul(MIX_L, x) - Math.imul(MIX_R, y)) >>> 0;
      return (r ^ (r >>> 16)) >>> 0;
    };
    const pool = [seed, 0, 0, 0].map((v) => hashmix(v));
    for (let s = 0; s < 4; s++) {
      for (let d = 0; d < 4; d++) if (s !== d) pool[d] = mix(pool[d], hashmix(pool[s]));
    }
    let hb = INIT_B;
    const words = [];
    for (let i = 0; i < 8; i++) {
      let v = (pool[i % 4] ^ hb) >>> 0;
      hb = Math.imul(hb, MULT_B) >>> 0;
      v = Math.imul(v, hb) >>> 0;
      words.push((v ^ (v >>> 16)) >>> 0);
    }
    return [0, 2, 4, 6].map((i) => (BigInt(words[i + 1]) << 32n) | BigInt(words[i]));
  }

  /** np.random.default_rng(seed): a PCG64 generator with NumPy's 32-bit buffer. */
  function makeRng(seed) {
    const [s0, s1, i0, i1] = seedWords(seed);
    const rng = { state: 0n, inc: ((((i0 << 64n) | i1) << 1n) | 1n) & U128, hasU32: false, u32: 0 };
    const step = () => {
      rng.state = (rng.state * PCG_MULT + rng.inc) & U128;
    };
    step();
    rng.state = (rng.state + ((s0 << 64n) | s1)) & U128;
    step();
    rng.next64 = () => {
      step();
      const s = rng.state;
      const x = ((s >> 64n) ^ s) & U64;
      const r = s >> 122n;
      return ((x >> r) | (x << ((64n - r) & 63n))) & U64;
    };
    rng.next32 = () => {
      if (rng.hasU32) {
        rng.hasU32 = false;
        return rng.u32;
      }
      const v = rng.next64();
      rng.hasU32 = true;
      rng.u32 = Number(v >> 32n);
      return Number(v & 0xffffffffn);
    };
    return rng;
  }

  /** Generator.permutation(n): Fisher-Yates from the end, random_interval draws. */
  function permutation(rng, n) {
    const p = Array.from({ length: n }, (_, i) => i);
    for (let i = n - 1; i >= 1; i--) {
      let mask = i;
      for (let s = 1; s <= 16; s *= 2) mask |= mask >>> s;
      let j;
      do j = (rng.next32() & mask) >>> 0;
      while (j > i);
      [p[i], p[j]] = [p[j], p[i]];
    }
    return p;
  }

  /** The batches of gdbook.descent.batches for each epoch, from one generator. */
  function batchOrder(m, B, seed, epochs) {
    const rng = makeRng(seed);
    const out = [];
    for (let e = 0; e < epochs; e++) {
      const p = permutation(rng, m);
      for (let start = 0; start < m; start += B) out.push(p.slice(start, start + B));
    }
    return out;
  }

  // -- the linear model of chapter 3: y_hat = x . w, cost (4) ---------------
  /** linear_mse: C(w) = |X w - y|^2 / (2m) on all the data. */
  function cost(w) {
    let s = 0;
    for (let i = 0; i < M; i++) {
      const r = DATA.x1[i] * w[0] + DATA.x2[i] * w[1] - DATA.y[i];
      s += r * r;
    }
    return s / (2 * M);
  }

  /** linear_mse_grad on the rows idx: X^T (X w - y) / B, Eq. (7)'s mean. */
  function grad(w, idx) {
    let g0 = 0;
    let g1 = 0;
    for (const i of idx) {
      const r = DATA.x1[i] * w[0] + DATA.x2[i] * w[1] - DATA.y[i];
      g0 += DATA.x1[i] * r;
      g1 += DATA.x2[i] * r;
    }
    return [g0 / idx.length, g1 / idx.length];
  }

  /** The least cost, at the solution of the normal equations X^T X w = X^T y. */
  function leastCost() {
    let a = 0;
    let b = 0;
    let c = 0;
    let u = 0;
    let v = 0;
    for (let i = 0; i < M; i++) {
      const [p, q, t] = [DATA.x1[i], DATA.x2[i], DATA.y[i]];
      a += p * p;
      b += p * q;
      c += q * q;
      u += p * t;
      v += q * t;
    }
    const det = a * c - b * b;
    return cost([(c * u - b * v) / det, (a * v - b * u) / det]);
  }

  /**
   * minibatch_descent(linear_mse_grad, zeros(2), X, y, eta, batch_size=B,
   * epochs, rng=default_rng(seed), cost_fn=linear_mse): the cost after each
   * update (row 0: the start) and the examples seen. A run whose cost passes
   * DIVERGED stops there (the last row is the first one above it).
   */
  function run(B, eta, seed, epochs = EPOCHS) {
    if (!(Number.isInteger(B) && B >= 1 && B <= M)) {
      throw new Error(`B must be an integer between 1 and m = ${M}; got ${B}`);
    }
    if (!(Number.isFinite(eta) && eta > 0)) throw new Error(`eta must be > 0; got ${eta}`);
    if (!(Number.isInteger(epochs) && epochs >= 1)) throw new Error(`epochs must be an integer >= 1; got ${epochs}`);
    let w = [0, 0];
    const costs = [cost(w)];
    const seen = [0];
    let diverged = false;
    for (const idx of batchOrder(M, B, seed, epochs)) {
      const g = grad(w, idx);
      w = [w[0] - eta * g[0], w[1] - eta * g[1]];
      costs.push(cost(w));
      seen.push(seen[seen.length - 1] + idx.length);
      if (!(costs[costs.length - 1] <= DIVERGED)) {
        diverged = true;
        break;
      }
    }
    return { B, costs, seen, epoch: seen.map((s) => s / M), diverged, w };
  }

  const REACHED = 0.01; // the chapter's "within 0.01 of the least cost"

  /** Every number the figure draws or prints, for batch, mini-batch and SGD. */
  function compute({ B, eta, seed }) {
    const least = leastCost();
    const runs = [M, B, 1].map((size) => run(size, eta, seed));
    for (const r of runs) {
      r.excess = r.costs.map((c) => c - least);
      const at = r.excess.findIndex((e) => e < REACHED);
      r.reached = at >= 0 ? r.epoch[at] : null;
    }
    return { m: M, epochs: EPOCHS, least, runs };
  }

  return { DATA, M, EPOCHS, DIVERGED, REACHED, seedWords, makeRng, permutation, batchOrder, cost, grad, leastCost, run, compute };
})();

if (typeof module !== "undefined") module.exports = gdbookCh3;

// -- the page ------------------------------------------------------------------
if (typeof document !== "undefined") {
  (() => {
    const SVG = "http://www.w3.org/2000/svg";
    let W = 640; // the viewBox: narrower on a phone, so the text stays legible
    let H = 340;
    const PAD = { l: 58, r: 14, t: 14, b: 44 };
    const YLO = -8; // log10 of the excess cost: the plot's range
    const YHI = 6;
    const SIZES = [1, 2, 4, 5, 8, 10, 16, 20, 25, 32, 40, 50, 64, 100, 128, 200];
    const NAMES = ["batch", "mini-batch", "SGD"];

    const make = (tag, attrs, parent) => {
      const el = document.createElementNS(SVG, tag);
      for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
      if (parent) parent.appendChild(el);
      return el;
    };
    const minus = (s) => s.replaceAll("-", "−");
    const sci = (x) => (x === 0 ? "0" : minus(x.toExponential(1)));
    const sup = (k) => minus(String(k)).replace(/[0-9−]/g, (c) => "⁰¹²³⁴⁵⁶⁷⁸⁹"["0123456789".indexOf(c)] ?? "⁻");

    function setUp(root) {
      const ex = gdbookCh3;
      const $ = (name) => root.querySelector(`[data-gdb-control="${name}"]`);
      const out = (name) => root.querySelector(`[data-gdb-out="${name}"]`);
      const svg = root.querySelector("[data-gdb-plot]");
      const c = { B: $("B"), eta: $("eta"), seed: $("seed"), reshuffle: $("reshuffle"), xaxis: $("xaxis") };
      if (!svg || Object.values(c).some((x) => !x)) return;
      const cache = new Map();
      const settings = () => ({
        B: SIZES[Number(c.B.value)] ?? 16,
        eta: Number((10 ** Number(c.eta.value)).toPrecision(3)),
        seed: Number(c.seed.value),
      });

      function draw() {
        const narrow = root.clientWidth < 520;
        [W, H] = narrow ? [400, 300] : [640, 340];
        svg.setAttribute("viewBox", `0 0 ${W} ${H}`);
        const s = settings();
        const key = JSON.stringify(s);
        if (!cache.has(key)) {
          if (cache.size > 20) cache.clear();
          cache.set(key, ex.compute(s));
        }
        const fig = cache.get(key);
        const perEpoch = c.xaxis.value === "epoch";
        const x0 = PAD.l;
        const x1 = W - PAD.r;
        const y0 = H - PAD.b;
        const y1 = PAD.t;
        const lx = perEpoch ? (e) => x0 + (e / fig.epochs) * (x1 - x0) : (t) => x0 + (Math.log10(t) / Math.log10(ex.M * fig.epochs)) * (x1 - x0);
        const ly = (e) => {
          const v = e > 0 ? Math.log10(e) : YLO;
          return y0 - ((Math.min(Math.max(v, YLO), YHI + 0.3) - YLO) / (YHI - YLO)) * (y0 - y1);
        };
        svg.replaceChildren();
        const grid = make("g", { class: "gdb-grid" }, svg);
        for (let k = YLO; k <= YHI; k += 2) {
          const y = ly(10 ** k);
          make("line", { x1: x0, x2: x1, y1: y, y2: y }, grid);
          make("text", { x: x0 - 6, y: y + 4, "text-anchor": "end" }, grid).textContent = `10${sup(k)}`;
        }
        const ticks = perEpoch ? [0, 5, 10, 15, 20] : [1, 10, 100, 1000];
        for (const t of ticks) {
          const x = lx(t);
          make("line", { x1: x, x2: x, y1: y0, y2: y1 }, grid);
          make("text", { x, y: y0 + 16, "text-anchor": "middle" }, grid).textContent = String(t);
        }
        make("text", { x: (x0 + x1) / 2, y: H - 8, "text-anchor": "middle", class: "gdb-axis" }, grid).textContent = perEpoch
          ? "epochs"
          : "updates (log scale)";
        make("text", { x: 14, y: (y0 + y1) / 2, "text-anchor": "middle", class: "gdb-axis", transform: `rotate(-90 14 ${(y0 + y1) / 2})` }, grid).textContent =
          "C(w) − Cₘᵢₙ (log scale)";
        make("rect", { x: x0, y: y1, width: x1 - x0, height: y0 - y1, class: "gdb-frame" }, svg);
        // Runs: SGD under the others, so the smooth curves stay visible.
        const readouts = [];
        [2, 1, 0].forEach((k) => {
          const r = fig.runs[k];
          let d = "";
          r.excess.forEach((e, t) => {
            if (!perEpoch && t === 0) return;
            const x = perEpoch ? lx(r.epoch[t]) : lx(t);
            d += `${d ? "L" : "M"}${x.toFixed(1)} ${ly(e).toFixed(1)}`;
          });
          make("path", { d, class: `gdb-run gdb-run-${k}` }, svg);
        });
        fig.runs.forEach((r, k) => {
          const updates = r.costs.length - 1;
          const last = r.excess[r.excess.length - 1];
          const what = r.diverged
            ? `diverged: the cost passed 10⁶ at update ${updates}`
            : `${updates} updates, ends ${sci(last)} above Cₘᵢₙ` + (r.reached === null ? "" : `, within 0.01 after ${+r.reached.toFixed(2)} epochs`);
          readouts.push(`${NAMES[k]} (B = ${r.B}): ${what}`);
          out(`run${k}`).textContent = `B = ${r.B}: ${what}`;
        });
        out("B").textContent = String(s.B);
        out("eta").textContent = String(s.eta);
        out("seed").textContent = String(s.seed);
        c.B.setAttribute("aria-valuetext", `B = ${s.B}`);
        c.eta.setAttribute("aria-valuetext", `η = ${s.eta}`);
        svg.setAttribute(
          "aria-label",
          `Cost above the least cost, log scale, against ${perEpoch ? "epochs" : "updates"}, η = ${s.eta}, seed ${s.seed}, ${fig.epochs} epochs. ` + readouts.join("; "),
        );
        root.dataset.gdbDraws = String(Number(root.dataset.gdbDraws || 0) + 1);
        root.dataset.gdbReady = "1";
      }

      for (const k of ["B", "eta", "seed", "xaxis"]) c[k].addEventListener(k === "xaxis" ? "change" : "input", draw);
      c.reshuffle.addEventListener("click", () => {
        c.seed.value = String((Number(c.seed.value) + 1) % (Number(c.seed.max) + 1));
        draw();
      });
      let width = root.clientWidth;
      window.addEventListener("resize", () => {
        if ((root.clientWidth < 520) !== (width < 520)) draw();
        width = root.clientWidth;
      });
      draw();
    }

    function lazy(root) {
      if (!("IntersectionObserver" in window)) return setUp(root);
      const io = new IntersectionObserver(
        (entries) => {
          if (entries.some((e) => e.isIntersecting)) {
            io.disconnect();
            setUp(root);
          }
        },
        { rootMargin: "300px" },
      );
      io.observe(root);
    }
    const start = () => document.querySelectorAll('[data-gdb-interactive="ch3-batch-size"]').forEach(lazy);
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
    else start();
  })();
}
